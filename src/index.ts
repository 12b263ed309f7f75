export * from "./routing";
export * from "./constructs";
export * from "./testing";
