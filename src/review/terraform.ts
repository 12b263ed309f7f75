/** Terraform JSON helpers: they live in `src/clouds/terraform.ts`, below the cloud read-backs that use them. */
export * from "../clouds/terraform";
