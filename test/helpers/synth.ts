/**
 * Shared synthesis helpers for construct tests. Every stack synthesized through `synthStack` is
 * also checked against the bundled provider schemas, so no construct test can pass while emitting
 * an attribute, block shape or value type the provider would reject.
 */
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { assertConformsToSchemas, FunctionCode, FunctionWithVersionsProps } from "../../src";

/** Parsed Terraform JSON: tests index into it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TfJson = any;

export interface SynthResult {
  /** The parsed Terraform JSON. */
  readonly json: TfJson;
  /** The JSON string `Testing.synth` returned: what cdktf's `toHaveResource*` matchers take. */
  readonly synthesized: string;
  readonly stack: TerraformStack;
  readonly app: App;
}

/** A fresh App with one stack named "test" (construct paths read `test/<id>`). */
export function newStack(): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  return { app, stack };
}

/** Synthesizes an already-built stack and checks it against the provider schemas. */
export function synthExisting(stack: TerraformStack): Omit<SynthResult, "app" | "stack"> {
  const synthesized = Testing.synth(stack);
  assertConformsToSchemas(synthesized);
  return { synthesized, json: JSON.parse(synthesized) };
}

/** Builds a fresh App + stack "test", synthesizes it and asserts schema conformance. */
export function synthStack(build: (stack: TerraformStack) => void): SynthResult {
  const { app, stack } = newStack();
  build(stack);
  return { ...synthExisting(stack), stack, app };
}

export type AnnotationLevel = "info" | "warn" | "error";

export interface AnnotationEntry {
  /** Construct path, e.g. `test/release`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Annotations (`Annotations.of(c).addWarning(...)` etc.) of `scope` and everything below it.
 * cdktf stores them as node metadata of type `@cdktf/info`, `@cdktf/warn` or `@cdktf/error`;
 * `Testing.synth` does not surface them.
 */
export function annotations(scope: IConstruct, level: AnnotationLevel): AnnotationEntry[] {
  const type = `@cdktf/${level}`;
  return scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === type)
        .map((m) => ({ path: c.node.path, message: String(m.data) })),
    );
}

/** Shorthand for `annotations(scope, "warn")`. */
export function warnings(scope: IConstruct): AnnotationEntry[] {
  return annotations(scope, "warn");
}

/** A small committed zip: local code must exist at synth (it is copied into the stack as an asset). */
export const ORDERS_ZIP = path.join(__dirname, "..", "fixtures", "code", "orders.zip");

/** Base props for a function; override what the test is about. */
export function fnProps(
  platform: FunctionWithVersionsProps["platform"],
  overrides: Partial<FunctionWithVersionsProps> = {},
): FunctionWithVersionsProps {
  return {
    platform,
    functionName: "orders",
    runtime: platform === "scf" ? "Nodejs18.15" : "nodejs20",
    handler: "index.handler",
    code: FunctionCode.fromLocalZip(ORDERS_ZIP),
    ...overrides,
  };
}

/** Captures the error thrown by `fn` (fails the test when nothing is thrown). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error to be thrown, but none was");
}

/** `resource.<type>` of a synthesized stack as [logicalId, body] pairs, sorted by logical id. */
export function resourcesOfType(json: TfJson, type: string): [string, TfJson][] {
  return Object.entries<TfJson>(json?.resource?.[type] ?? {}).sort(([a], [b]) => a.localeCompare(b));
}
