// First: the framework check (src/cdktf.ts) runs before anything loads cdktf / cdktn.
import "./cdktf";

export * from "./routing";
export * from "./constructs";
export * from "./testing";
export { FRAMEWORK } from "./cdktf";
