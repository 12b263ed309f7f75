/**
 * Malformed props: a valid program with one prop (at any depth) replaced by an odd value — what a
 * JavaScript caller, a YAML/JSON-driven app or a bad cast can pass. Construction must either succeed
 * (and synthesize Terraform that conforms to the provider schemas) or throw a ReleaseValidationError
 * that starts with the construct path; never a TypeError or any other exception.
 */
import fc from "fast-check";
import { App, TerraformStack, Testing } from "cdktf";
import {
  assertConformsToSchemas,
  CanaryAlias,
  FunctionCode,
  FunctionWithVersions,
  ReleaseValidationError,
  StagedApiGateway,
} from "../../../src";
import { ORDERS_ZIP } from "../../helpers/synth";

export type Platform = "scf" | "fc3" | "fc2";
export type Target = "function" | "release" | "prepub" | "gateway";

/** Where a value is replaced: a construct's props and a path of keys and indices inside them. */
export interface Mutation {
  readonly platform: Platform;
  readonly target: Target;
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

type Props = Record<string, unknown>;

/** The valid program each mutation starts from. */
export function baseline(platform: Platform): Record<Target, Props> {
  const rules =
    platform === "scf"
      ? [{ source: "header", name: "User", operator: "=", value: "Bob" }]
      : [{ source: "header", name: "x-uid", operator: "percent", value: "20" }];
  return {
    function: {
      platform,
      functionName: "orders",
      runtime: platform === "scf" ? "Nodejs18.15" : "nodejs20",
      handler: "index.handler",
      code: FunctionCode.fromLocalZip(ORDERS_ZIP),
      versions: ["1", "2", { label: "3", codeDigest: "3f2a9c" }, "4"],
      kind: "event",
      routingOptions: { maxAdditionalVersions: 1, percentHash: "sha256", strictRange: false },
    },
    release: { aliasName: "release", version: "1", canary: { version: "2", weight: 0.1 } },
    prepub: {
      aliasName: "prepub",
      version: "3",
      fc2Rules: "simulate-only",
      canary: platform === "fc3" ? { version: "4", weight: 0 } : { version: "4", rules, match: "all" },
    },
    gateway: {
      name: "orders_api",
      path: "/orders",
      region: platform === "scf" ? undefined : "cn-hangzhou",
      timeoutSeconds: 15,
      experimentalFcRoutingPlugin: platform === "scf" ? undefined : true,
      stages: {
        release: {
          alias: "release",
          ...(platform === "scf"
            ? {}
            : {
                routes: [
                  {
                    name: "beta",
                    when: [{ source: "header", name: "x-beta", operator: "=", value: "1" }],
                    to: "4",
                  },
                ],
              }),
        },
        prepub: { alias: "prepub" },
        dev: platform === "scf" ? { alias: "$DEFAULT" } : { alias: "LATEST" },
      },
      expectations: [
        { stage: "release", share: { version: "2", percent: 10, tolerance: 3 } },
        { stage: "prepub", request: { headers: { "x-other": "1" } }, reaches: "3" },
      ],
      expectationSamples: 2000,
      protectReleaseVersions: true,
      seed: 7,
    },
  };
}

/** The paths of a props object: every key and index, recursively (FunctionCode is a leaf). */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null || value instanceof FunctionCode) return [];
  const out: (string | number)[][] = [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [k, v] of entries) {
    out.push([...prefix, k]);
    out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

/** Odd values: wrong types, boundaries, names with meaning elsewhere, prototype keys, nested junk. */
export const oddValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -1, 1.5, 10, 100, Number.NaN, Infinity, -Infinity, -0),
  fc.constantFrom(
    "",
    " ",
    "1",
    "2",
    "9",
    "LATEST",
    "$LATEST",
    "$DEFAULT",
    "release",
    "prepub",
    "__proto__",
    "constructor",
    "[5,1]",
    "(a,b)",
    "x".repeat(300),
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.object()), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
  fc.constant(Object.create(null)),
  fc.constant([null]),
  fc.constant([[]]),
  fc.constant({ toString: 5 }),
);

/**
 * Provider attributes the library passes through unchanged (typed by TypeScript, checked by the
 * provider at plan time): not part of this fuzz.
 */
export const PASS_THROUGH = [
  "runtime",
  "handler",
  "memorySize",
  "timeout",
  "environment",
  "description",
  "role",
  "namespace",
];

export const mutationArb: fc.Arbitrary<Mutation> = fc
  .record({
    platform: fc.constantFrom<Platform>("scf", "fc3", "fc2"),
    target: fc.constantFrom<Target>("function", "release", "prepub", "gateway"),
    pick: fc.nat(),
    value: oddValueArb,
    // Sometimes the whole props object: `new CanaryAlias(scope, id, undefined)`.
    whole: fc.nat({ max: 30 }).map((n) => n === 0),
  })
  .map(({ platform, target, pick, value, whole }) => {
    const paths = pathsOf(baseline(platform)[target]).filter((p) => !PASS_THROUGH.includes(String(p[0])));
    return { platform, target, path: whole ? [] : paths[pick % paths.length], value };
  });

function setAt(props: Props, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const clone = (x: unknown): unknown =>
    x instanceof FunctionCode
      ? x
      : Array.isArray(x)
        ? [...x]
        : typeof x === "object" && x !== null
          ? { ...x }
          : x;
  const root = clone(props) as Record<string | number, unknown>;
  let at = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = clone(at[path[i]]) as Record<string | number, unknown>;
    at[path[i]] = next;
    at = next;
  }
  at[path[path.length - 1]] = value;
  return root;
}

export type MutationOutcome =
  { readonly kind: "accepted" } | { readonly kind: "refused"; readonly message: string };

/** Builds the mutated program in a fresh App (and synthesizes it when accepted). */
export function runMutation(m: Mutation, outdir: string): MutationOutcome {
  const props = baseline(m.platform);
  const mutated = setAt(props[m.target], m.path, m.value);
  const use = (t: Target) => (t === m.target ? mutated : props[t]) as never;
  const app: App = Testing.app({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, "fuzz");
  try {
    const fn = new FunctionWithVersions(stack, "fn", use("function"));
    const withFn = (p: unknown) =>
      (typeof p === "object" && p !== null && !Array.isArray(p) ? { function: fn, ...p } : p) as never;
    new CanaryAlias(stack, "release", withFn(use("release")));
    new CanaryAlias(stack, "prepub", withFn(use("prepub")));
    new StagedApiGateway(stack, "api", withFn(use("gateway")));
  } catch (e) {
    if (e instanceof ReleaseValidationError) {
      const ids = ["fn", "release", "prepub", "api"];
      if (!ids.some((id) => e.message.startsWith(`fuzz/${id}: `) || e.message.startsWith(`fuzz/${id} `)))
        throw new Error(`message does not start with a construct path: ${e.message}`);
      if (ids.some((id) => e.message.startsWith(`fuzz/${id}: fuzz/${id} `)))
        throw new Error(`message names its construct path twice: ${e.message}`);
      return { kind: "refused", message: e.message };
    }
    throw e;
  }
  assertConformsToSchemas(Testing.synth(stack));
  return { kind: "accepted" };
}
