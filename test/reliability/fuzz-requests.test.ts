/**
 * Fuzzed requests (RELIABILITY.md, promise 3): generated requests (unicode, empty and oversized values,
 * repeated headers differing in case, malformed cookies, routing keys that are not JSON or exceed 1024
 * bytes, odd qualifiers) through `resolve` and through stage simulation (gateway models and gateways
 * built from the examples). Nothing but a RoutingValidationError may be thrown; every answer names a
 * version the function has; and a second run with the same seed — fresh models, fresh routers —
 * gives the same answer for every request. The CLI part is in fuzz-cli.test.ts.
 */
import "./support/fast-tokens";
import { Testing } from "cdktf";
import {
  FunctionModel,
  GatewayModel,
  GatewayRouter,
  ReleaseValidationError,
  resolve,
  RouteRequest,
  RoutingOptions,
  RoutingValidationError,
  StageName,
} from "../../src";
import { steps as stagedSteps } from "../../examples/tencent-staged-grayscale/steps";
import { StagedGrayscaleStack } from "../../examples/tencent-staged-grayscale/stack";
import { steps as fc2Steps } from "../../examples/alicloud-fc2-rules/steps";
import { Fc2RulesStack } from "../../examples/alicloud-fc2-rules/stack";
import { recordFigures, reliabilityConfig, scratchOutdir } from "./support/config";
import { generateRequest, Rng } from "./support/requests";

const config = reliabilityConfig();
const N = config.requests;

const VERSIONS = ["1", "2", "3", "4"];

/** Models covering every rule kind: SCF weights/exact/range, FC 2.0 AND/OR with all operators, FC 3.0. */
function models(): { name: string; model: FunctionModel; options?: RoutingOptions }[] {
  const scf = (): FunctionModel => ({
    platform: "scf",
    functionName: "orders",
    publishedVersions: [...VERSIONS],
    aliases: [
      { name: "release", primary: "1", weights: [{ version: "2", weight: 0.1 }] },
      {
        name: "prepub",
        primary: "3",
        matches: [
          { version: "4", key: "invoke.headers.User", method: "exact", expression: "Bob" },
          { version: "4", key: "invoke.headers.x-uid", method: "range", expression: "[1,100)" },
        ],
      },
    ],
  });
  const fc2 = (condition: "AND" | "OR"): FunctionModel => ({
    platform: "fc2",
    functionName: "orders",
    serviceName: "orders-svc",
    publishedVersions: [...VERSIONS],
    aliases: [
      { name: "release", versionId: "1", weights: { "2": 0.3 } },
      {
        name: "prepub",
        versionId: "3",
        weights: { "4": 0.2 },
        resolvePolicy: "Content",
        routePolicy: {
          condition,
          policyItems: [
            { type: "Header", key: "x-uid", operator: ">=", value: "5" },
            { type: "Cookie", key: "beta", operator: "=", value: "1" },
            { type: "Param", key: "uid", operator: "in", value: "1001,1002" },
            { type: "Header", key: "User", operator: "percent", value: "20" },
            { type: "Header", key: "User", operator: "!=", value: "Bob" },
            { type: "Param", key: "uid", operator: "<", value: "9" },
          ],
        },
      },
    ],
  });
  const fc3: FunctionModel = {
    platform: "fc3",
    functionName: "orders",
    publishedVersions: [...VERSIONS],
    aliases: [
      { name: "release", versionId: "1", weights: { "2": 0.5 } },
      { name: "prepub", versionId: "3" },
    ],
  };
  return [
    { name: "scf", model: scf() },
    { name: "scf sticky strictRange", model: scf(), options: { stickyWeighted: true, strictRange: false } },
    { name: "fc2 AND", model: fc2("AND") },
    {
      name: "fc2 OR substring weighted murmur2",
      model: fc2("OR"),
      options: { inMode: "substring", contentMode: "weighted", percentHash: "murmur2" },
    },
    { name: "fc2 OR fnv1a32", model: fc2("OR"), options: { percentHash: "fnv1a32" } },
    { name: "fc3", model: fc3 },
  ];
}

interface StageTarget {
  readonly name: string;
  /** Constructs report bad requests as ReleaseValidationErrors naming the gateway; the routing core as RoutingValidationErrors. */
  readonly typedError: (e: unknown) => boolean;
  readonly stages: readonly StageName[];
  readonly versions: ReadonlySet<string>;
  simulate(stage: StageName, request: unknown, index: number): string;
}

/** Gateway models (Tencent with and without gatewayRoutingKey, Alibaba with routes) and two built gateways. */
function stageTargets(): StageTarget[] {
  const ms = models();
  const gatewayModel = (cloud: "tencent" | "alibaba", fn: FunctionModel): GatewayModel => ({
    cloud,
    function: fn,
    stages: [
      {
        stage: "release",
        qualifier: "release",
        routes:
          cloud === "alibaba"
            ? [
                {
                  name: "beta",
                  conditions: [{ source: "header", name: "x-beta", operator: "=", value: "1" }],
                  qualifier: "4",
                },
                {
                  name: "uid",
                  conditions: [{ source: "query", name: "uid", operator: ">=", value: "5" }, { random: 0.3 }],
                  qualifier: "prepub",
                },
              ]
            : [],
      },
      { stage: "prepub", qualifier: "prepub" },
      { stage: "dev", qualifier: cloud === "tencent" ? "$DEFAULT" : "LATEST" },
    ],
  });
  const fromRouter = (name: string, router: GatewayRouter, fn: FunctionModel): StageTarget => ({
    name,
    typedError: (e) => e instanceof RoutingValidationError,
    stages: ["release", "prepub", "dev"],
    versions: new Set([...fn.publishedVersions, "LATEST", "$LATEST"]),
    simulate: (stage, request, index) => router.simulate(stage, request as RouteRequest, index).version,
  });
  const built = (() => {
    const staged = new StagedGrayscaleStack(
      Testing.app({ outdir: scratchOutdir(), stackTraces: false }),
      "staged",
      stagedSteps[4],
    );
    const fc2 = new Fc2RulesStack(
      Testing.app({ outdir: scratchOutdir(), stackTraces: false }),
      "fc2",
      fc2Steps.find((s) => s.name === "rules-any")!,
    );
    return [
      { name: "example tencent-staged-grayscale (construct)", gateway: staged.gateway },
      { name: "example alicloud-fc2-rules (construct)", gateway: fc2.gateway! },
    ];
  })();
  return [
    fromRouter("tencent", new GatewayRouter(gatewayModel("tencent", ms[0].model), { seed: 5 }), ms[0].model),
    fromRouter(
      "tencent gatewayRoutingKey",
      new GatewayRouter(gatewayModel("tencent", ms[0].model), {
        seed: 6,
        options: { gatewayRoutingKey: true },
      }),
      ms[0].model,
    ),
    fromRouter(
      "alibaba fc2",
      new GatewayRouter(gatewayModel("alibaba", ms[2].model), { seed: 7 }),
      ms[2].model,
    ),
    fromRouter(
      "alibaba fc3",
      new GatewayRouter(gatewayModel("alibaba", ms[5].model), { seed: 8 }),
      ms[5].model,
    ),
    ...built.map(({ name, gateway }) => ({
      name,
      typedError: (e: unknown) =>
        e instanceof ReleaseValidationError && e.message.startsWith(`${gateway.node.path}: `),
      stages: gateway.model.stages.map((s) => s.stage),
      versions: new Set([...gateway.model.function.publishedVersions, "LATEST", "$LATEST"]),
      simulate: (stage: StageName, request: unknown, index: number) =>
        gateway.simulate(stage, request as RouteRequest, index).version,
    })),
  ];
}

interface Run {
  readonly answers: string[];
  readonly unexpected: string[];
  readonly typedErrors: number;
  readonly routed: number;
}

/** Routes N requests through resolve and stage simulation; every answer as text, in order. */
function run(seed: number, n: number): Run {
  const ms = models();
  const stages = stageTargets();
  const rng = new Rng(seed);
  const answers: string[] = [];
  const unexpected: string[] = [];
  let typedErrors = 0;
  let routed = 0;
  const attempt = (
    what: string,
    request: unknown,
    versions: ReadonlySet<string>,
    typedError: (e: unknown) => boolean,
    f: () => string,
  ) => {
    try {
      const version = f();
      if (!versions.has(version))
        unexpected.push(`${what}: answered ${JSON.stringify(version)}, not a version of the function`);
      routed++;
      answers.push(version);
    } catch (e) {
      if (typedError(e)) {
        typedErrors++;
        answers.push(`error: ${(e as Error).message}`);
      } else {
        let shown: string;
        try {
          shown = JSON.stringify(request).slice(0, 300);
        } catch {
          shown = String(request);
        }
        unexpected.push(`${what}: ${(e as Error)?.stack ?? String(e)}\n  request: ${shown}`);
        answers.push("unexpected");
      }
    }
  };
  for (let i = 0; i < n; i++) {
    const m = ms[i % ms.length];
    const request = generateRequest(rng, { qualifiers: ["release", "prepub", ...VERSIONS] });
    const index = rng.int(3) === 0 ? rng.next() * 1024 + rng.int(1024) : i;
    const versions = new Set([...m.model.publishedVersions, "LATEST", "$LATEST"]);
    attempt(
      `resolve ${m.name} #${i}`,
      request,
      versions,
      (e) => e instanceof RoutingValidationError,
      () =>
        resolve(m.model, request as RouteRequest, { seed, requestIndex: index, options: m.options }).version,
    );
    const t = stages[i % stages.length];
    const stage = t.stages[rng.int(t.stages.length)];
    attempt(`stage ${stage} of ${t.name} #${i}`, request, t.versions, t.typedError, () =>
      t.simulate(stage, request, index),
    );
  }
  return { answers, unexpected, typedErrors, routed };
}

describe("fuzzed requests through resolve and stage simulation", () => {
  it(`${N} requests: only typed validation errors, and the same answers for the same seed`, () => {
    const started = Date.now();
    const first = run(config.seed, N);
    expect(first.unexpected.slice(0, 5)).toEqual([]);
    const second = run(config.seed, N);
    expect(second.unexpected.slice(0, 5)).toEqual([]);
    let differ = 0;
    for (let i = 0; i < first.answers.length; i++) if (first.answers[i] !== second.answers[i]) differ++;
    expect(differ).toBe(0);
    expect(first.answers).toHaveLength(2 * N);
    // The generator reaches both outcomes, often.
    expect(first.routed).toBeGreaterThan(N / 2);
    expect(first.typedErrors).toBeGreaterThan(N / 20);
    recordFigures("fuzz-requests", {
      seed: config.seed,
      requests: N,
      calls: 2 * N,
      routed: first.routed,
      typedErrors: first.typedErrors,
      unexpected: first.unexpected.length,
      ms: Date.now() - started,
    });
  }, 600_000);
});
