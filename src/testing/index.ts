export * from "./schema-conformance";
