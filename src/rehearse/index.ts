/**
 * Rehearsal: every release step through the real Terraform CLI against the provider twin, offline.
 * The twin models what the providers' source does (src/clouds/<provider>/twin.ts); it is not the cloud.
 */
export * from "./rehearse";
export * from "./synth";
export * from "./terraform";
export * from "./render";
export * from "./evaluate";
