/**
 * The bad-input battery (RELIABILITY.md, promise 1): invalid configurations of the constructs,
 * routing expectations and the routing core, one row each. Every row names the error type, where
 * (construct path or model path), the bad value as the message must show it, and what is allowed.
 * The CLI rows live in cli-battery.ts (they need files on disk).
 */
import { App, TerraformStack, Testing } from "cdktf";
import {
  assertValid,
  CanaryAlias,
  CanaryAliasProps,
  FunctionCode,
  FunctionModel,
  FunctionWithVersions,
  FunctionWithVersionsProps,
  GatewayRouter,
  resolve,
  RoutingOptions,
  sample,
  StagedApiGateway,
  StagedApiGatewayProps,
} from "../../../src";
import { ORDERS_ZIP } from "../../helpers/synth";

export type Platform = "scf" | "fc3" | "fc2";

export interface BatteryCase {
  readonly name: string;
  readonly category: string;
  /** ReleaseValidationError (constructs) or RoutingValidationError (routing core). */
  readonly type: "ReleaseValidationError" | "RoutingValidationError";
  /** The construct path the message starts with, or the model path the diagnostic names. */
  readonly where: string;
  /** The bad value, as the message shows it. */
  readonly bad: string;
  /** What the message says is allowed (after "allowed:" or "expected"). */
  readonly allowed: string;
  /** The cloud error code (routing core rows). */
  readonly code?: string;
  readonly run: (app: App) => void;
}

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

const stackOf = (app: App) => new TerraformStack(app, "test");

function fnProps(
  platform: Platform,
  overrides: Partial<FunctionWithVersionsProps> = {},
): FunctionWithVersionsProps {
  return {
    platform,
    functionName: "orders",
    runtime: platform === "scf" ? "Nodejs18.15" : "nodejs20",
    handler: "index.handler",
    code: FunctionCode.fromLocalZip(ORDERS_ZIP),
    versions: ["1", "2", "3"],
    ...overrides,
  };
}

/** test/fn with versions 1-3, then `more` on the stack. */
function withFn(
  platform: Platform,
  more: (stack: TerraformStack, fn: FunctionWithVersions) => void,
  overrides: Partial<FunctionWithVersionsProps> = {},
): (app: App) => void {
  return (app) => {
    const stack = stackOf(app);
    more(stack, new FunctionWithVersions(stack, "fn", fnProps(platform, overrides)));
  };
}

/** test/fn and the alias test/release with these props. */
function alias(
  platform: Platform,
  props: Partial<CanaryAliasProps> | Record<string, unknown>,
  overrides: Partial<FunctionWithVersionsProps> = {},
): (app: App) => void {
  return withFn(
    platform,
    (stack, fn) =>
      new CanaryAlias(stack, "release", {
        function: fn,
        aliasName: "release",
        version: "1",
        ...props,
      } as CanaryAliasProps),
    overrides,
  );
}

/** test/fn, aliases release (1 + 10% to 2) and prepub (3), and the gateway test/api with these props. */
function gateway(
  platform: Platform,
  props: Partial<StagedApiGatewayProps> | Record<string, unknown>,
  overrides: Partial<FunctionWithVersionsProps> = {},
  aliases = true,
): (app: App) => void {
  return withFn(
    platform,
    (stack, fn) => {
      if (aliases) {
        new CanaryAlias(stack, "release", {
          function: fn,
          aliasName: "release",
          version: "1",
          canary: { version: "2", weight: 0.1 },
        });
        new CanaryAlias(stack, "prepub", { function: fn, aliasName: "prepub", version: "3" });
      }
      new StagedApiGateway(stack, "api", {
        function: fn,
        name: "orders_api",
        region: platform === "scf" ? undefined : "cn-hangzhou",
        expectationSamples: 2000,
        ...props,
      } as StagedApiGatewayProps);
    },
    overrides,
  );
}

const rule = (o: Record<string, unknown> = {}) => ({
  source: "header",
  name: "User",
  operator: "=",
  value: "Bob",
  ...o,
});

function scfModel(aliases: unknown[], extra: Record<string, unknown> = {}): FunctionModel {
  return {
    platform: "scf",
    functionName: "orders",
    publishedVersions: ["1", "2", "3"],
    aliases,
    ...extra,
  } as FunctionModel;
}
function fcModel(
  platform: "fc2" | "fc3",
  aliases: unknown[],
  extra: Record<string, unknown> = {},
): FunctionModel {
  return {
    platform,
    functionName: "orders",
    publishedVersions: ["1", "2", "3"],
    aliases,
    ...extra,
  } as FunctionModel;
}
const valid = (model: FunctionModel, options?: RoutingOptions, previous?: FunctionModel) => () =>
  void assertValid(model, { options, previous });
const content = (items: unknown, extra: Record<string, unknown> = {}) => ({
  name: "r",
  versionId: "1",
  weights: { "2": 0 },
  resolvePolicy: "Content",
  routePolicy: { condition: "AND", policyItems: items, ...extra },
});
const header = (o: Record<string, unknown> = {}) => ({
  type: "Header",
  key: "x-uid",
  value: "1001",
  operator: "=",
  ...o,
});

// ---------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------

const R = "ReleaseValidationError" as const;
const V = "RoutingValidationError" as const;

export const CONSTRUCT_CASES: readonly BatteryCase[] = [
  // FunctionWithVersions: names, labels, shapes
  {
    category: "FunctionWithVersions",
    name: "unknown platform",
    type: R,
    where: "test/fn",
    bad: '"lambda"',
    allowed: "fc2, fc3, scf",
    run: (app) => void new FunctionWithVersions(stackOf(app), "fn", fnProps("lambda" as Platform)),
  },
  {
    category: "naming",
    name: "SCF function name starting with a digit",
    type: R,
    where: "test/fn",
    bad: '"1orders"',
    allowed: "starting with a letter",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { functionName: "1orders" })),
  },
  {
    category: "naming",
    name: "SCF function name ending with '-'",
    type: R,
    where: "test/fn",
    bad: '"orders-"',
    allowed: "not ending with '-' or '_'",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { functionName: "orders-" })),
  },
  {
    category: "naming",
    name: "SCF function name of 61 characters",
    type: R,
    where: "test/fn",
    bad: `"o${"r".repeat(60)}"`,
    allowed: "2-60 letters",
    run: (app) =>
      void new FunctionWithVersions(
        stackOf(app),
        "fn",
        fnProps("scf", { functionName: "o" + "r".repeat(60) }),
      ),
  },
  {
    category: "naming",
    name: "SCF function name of one character",
    type: R,
    where: "test/fn",
    bad: '"o"',
    allowed: "2-60 letters",
    run: (app) => void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { functionName: "o" })),
  },
  {
    category: "naming",
    name: "FC 3.0 function name with a dot",
    type: R,
    where: "test/fn",
    bad: '"orders.v2"',
    allowed: "1-64 letters, digits, '_' or '-', starting with a letter or '_'",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("fc3", { functionName: "orders.v2" })),
  },
  {
    category: "naming",
    name: "FC 3.0 function name of 65 characters",
    type: R,
    where: "test/fn",
    bad: `"${"o".repeat(65)}"`,
    allowed: "1-64 letters",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("fc3", { functionName: "o".repeat(65) })),
  },
  {
    category: "naming",
    name: "FC 2.0 function name starting with a digit",
    type: R,
    where: "test/fn",
    bad: '"9orders"',
    allowed: "starting with a letter or '_'",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("fc2", { functionName: "9orders" })),
  },
  {
    category: "naming",
    name: "FC 2.0 service name with a space",
    type: R,
    where: "test/fn",
    bad: '"order service"',
    allowed: "starting with a letter or '_'",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("fc2", { serviceName: "order service" })),
  },
  {
    category: "naming",
    name: "empty function name",
    type: R,
    where: "test/fn",
    bad: '""',
    allowed: "2-60 letters",
    run: (app) => void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { functionName: "" })),
  },
  {
    category: "naming",
    name: "version label with a space",
    type: R,
    where: "test/fn",
    bad: '"v 1"',
    allowed: "1-64 letters, digits, '.', '_' or '-'",
    run: (app) => void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { versions: ["v 1"] })),
  },
  {
    category: "naming",
    name: "version label of 65 characters",
    type: R,
    where: "test/fn",
    bad: `"${"9".repeat(65)}"`,
    allowed: "1-64 letters",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("fc3", { versions: ["9".repeat(65)] })),
  },
  {
    category: "FunctionWithVersions",
    name: "version label declared twice",
    type: R,
    where: "test/fn",
    bad: '"2"',
    allowed: "each label once",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { versions: ["1", "2", "2"] })),
  },
  {
    category: "naming",
    name: "FC 2.0 version that is not a numeric id",
    type: R,
    where: "test/fn",
    bad: '"beta"',
    allowed: "the numeric ids your service has already published",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("fc2", { versions: ["1", "beta"] })),
  },
  {
    category: "FunctionWithVersions",
    name: "unknown kind",
    type: R,
    where: "test/fn",
    bad: '"web"',
    allowed: '"event", "http"',
    run: (app) => void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { kind: "web" as never })),
  },
  {
    category: "FunctionWithVersions",
    name: "code given as a path string",
    type: R,
    where: "test/fn",
    bad: '"dist/orders.zip"',
    allowed: "FunctionCode.fromLocalZip(path)",
    run: (app) =>
      void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { code: "dist/orders.zip" as never })),
  },
  {
    category: "FunctionWithVersions",
    name: "versions given as a number",
    type: R,
    where: "test/fn",
    bad: "got 3",
    allowed: 'a list of labels such as ["1", "2"]',
    run: (app) => void new FunctionWithVersions(stackOf(app), "fn", fnProps("scf", { versions: 3 as never })),
  },
  {
    category: "FunctionWithVersions",
    name: "codeDigest with spaces",
    type: R,
    where: "test/fn",
    bad: '"3f2a 9c"',
    allowed: "1-128 characters without spaces",
    run: (app) =>
      void new FunctionWithVersions(
        stackOf(app),
        "fn",
        fnProps("fc3", { versions: [{ label: "1", codeDigest: "3f2a 9c" }] }),
      ),
  },
  {
    category: "FunctionWithVersions",
    name: "props missing",
    type: R,
    where: "test/fn",
    bad: "got undefined",
    allowed: "{ platform, functionName",
    run: (app) => void new FunctionWithVersions(stackOf(app), "fn", undefined as never),
  },
  {
    category: "FunctionWithVersions",
    name: "unknown routing option",
    type: R,
    where: "test/fn",
    bad: "options.strictRanges",
    allowed: "maxAdditionalVersions, allowLatestPrimary",
    run: (app) =>
      void new FunctionWithVersions(
        stackOf(app),
        "fn",
        fnProps("scf", { routingOptions: { strictRanges: true } as never }),
      ),
  },
  {
    category: "FunctionWithVersions",
    name: "maxAdditionalVersions as a string",
    type: R,
    where: "test/fn",
    bad: '"2"',
    allowed: "a non-negative integer",
    run: (app) =>
      void new FunctionWithVersions(
        stackOf(app),
        "fn",
        fnProps("fc3", { routingOptions: { maxAdditionalVersions: "2" as never } }),
      ),
  },
  {
    category: "FunctionWithVersions",
    name: "contentMode with a capital letter",
    type: R,
    where: "test/fn",
    bad: '"Weighted"',
    allowed: '"all", "weighted"',
    run: (app) =>
      void new FunctionWithVersions(
        stackOf(app),
        "fn",
        fnProps("fc2", { routingOptions: { contentMode: "Weighted" as never } }),
      ),
  },

  // CanaryAlias: weights
  {
    category: "weights",
    name: "SCF weight below 0",
    type: R,
    where: "test/release",
    bad: "got -0.1",
    allowed: "a fraction in [0, 1]",
    code: "InvalidParameterValue.AdditionalVersionWeights",
    run: alias("scf", { canary: { version: "2", weight: -0.1 } }),
  },
  {
    category: "weights",
    name: "FC 3.0 weight below 0",
    type: R,
    where: "test/release",
    bad: "got -0.5",
    allowed: "a fraction in [0, 1]",
    code: "InvalidArgument",
    run: alias("fc3", { canary: { version: "2", weight: -0.5 } }),
  },
  {
    category: "weights",
    name: "FC 3.0 weight above 1",
    type: R,
    where: "test/release",
    bad: "got 1.5",
    allowed: "a fraction in [0, 1]",
    run: alias("fc3", { canary: { version: "2", weight: 1.5 } }),
  },
  {
    category: "weights",
    name: "FC 2.0 weight just above 1",
    type: R,
    where: "test/release",
    bad: "got 1.0001",
    allowed: "a fraction in [0, 1]",
    run: alias("fc2", { canary: { version: "2", weight: 1.0001 } }),
  },
  {
    category: "weights",
    name: "SCF weight given as percent (10)",
    type: R,
    where: "test/release",
    bad: "got 10",
    allowed: "a fraction in [0, 1]",
    run: alias("scf", { canary: { version: "2", weight: 10 } }),
  },
  {
    category: "weights",
    name: "FC 3.0 weight given as percent (50)",
    type: R,
    where: "test/release",
    bad: "use 0.5 for 50%",
    allowed: "a fraction in [0, 1]",
    run: alias("fc3", { canary: { version: "2", weight: 50 } }),
  },
  {
    category: "weights",
    name: "FC 2.0 weight given as percent (100)",
    type: R,
    where: "test/release",
    bad: "got 100",
    allowed: "a fraction in [0, 1]",
    run: alias("fc2", { canary: { version: "2", weight: 100 } }),
  },
  {
    category: "weights",
    name: "SCF weight NaN",
    type: R,
    where: "test/release",
    bad: "got NaN",
    allowed: "a fraction in [0, 1]",
    run: alias("scf", { canary: { version: "2", weight: Number.NaN } }),
  },
  {
    category: "weights",
    name: "FC 3.0 weight Infinity",
    type: R,
    where: "test/release",
    bad: "got Infinity",
    allowed: "a fraction in [0, 1]",
    run: alias("fc3", { canary: { version: "2", weight: Infinity } }),
  },
  {
    category: "weights",
    name: "FC 2.0 weight -Infinity",
    type: R,
    where: "test/release",
    bad: "got -Infinity",
    allowed: "a fraction in [0, 1]",
    run: alias("fc2", { canary: { version: "2", weight: -Infinity } }),
  },
  {
    category: "weights",
    name: "SCF weight given as a string",
    type: R,
    where: "test/release",
    bad: 'got "0.1"',
    allowed: "a fraction in [0, 1]",
    run: alias("scf", { canary: { version: "2", weight: "0.1" } }),
  },
  {
    category: "weights",
    name: "$DEFAULT traffic as percent",
    type: R,
    where: "test/default",
    bad: "got 10",
    allowed: "e.g. 0.1 for 10% on $LATEST",
    run: withFn("scf", (stack, fn) => void CanaryAlias.scfDefaultTraffic(stack, "default", fn, 10)),
  },
  {
    category: "weights",
    name: "$DEFAULT traffic NaN",
    type: R,
    where: "test/default",
    bad: "got NaN",
    allowed: "e.g. 0.1 for 10% on $LATEST",
    run: withFn("scf", (stack, fn) => void CanaryAlias.scfDefaultTraffic(stack, "default", fn, Number.NaN)),
  },

  // CanaryAlias: versions
  {
    category: "versions",
    name: "SCF canary equal to primary",
    type: R,
    where: "test/release",
    bad: 'got "1"',
    allowed: "a version other than FunctionVersion '1'",
    code: "InvalidParameterValue.RoutingConfig",
    run: alias("scf", { canary: { version: "1", weight: 0.1 } }),
  },
  {
    category: "versions",
    name: "FC 3.0 canary equal to primary",
    type: R,
    where: "test/release",
    bad: 'got {"1":0.1}',
    allowed: "an additional version other than the primary '1'",
    code: "AdditionalVersionContainsMajorVersion",
    run: alias("fc3", { canary: { version: "1", weight: 0.1 } }),
  },
  {
    category: "versions",
    name: "FC 2.0 canary equal to primary",
    type: R,
    where: "test/release",
    bad: 'got {"1":0.2}',
    allowed: "an additional version other than the primary '1'",
    run: alias("fc2", { canary: { version: "1", weight: 0.2 } }),
  },
  {
    category: "versions",
    name: "unknown primary label",
    type: R,
    where: "test/release",
    bad: 'version "9"',
    allowed: '"$LATEST", "1", "2", "3"',
    run: alias("scf", { version: "9" }),
  },
  {
    category: "versions",
    name: "unknown canary label",
    type: R,
    where: "test/release",
    bad: 'version "7"',
    allowed: '"LATEST", "1", "2", "3"',
    run: alias("fc3", { canary: { version: "7", weight: 0.1 } }),
  },
  {
    category: "versions",
    name: "primary removed from versions",
    type: R,
    where: "test/release",
    bad: 'version "1"',
    allowed: '"LATEST", "2", "3"',
    run: alias("fc3", {}, { versions: ["2", "3"] }),
  },
  {
    category: "versions",
    name: "canary removed from versions",
    type: R,
    where: "test/release",
    bad: 'version "2"',
    allowed: '"$LATEST", "1", "3"',
    run: alias("scf", { canary: { version: "2", weight: 0.1 } }, { versions: ["1", "3"] }),
  },
  {
    category: "versions",
    name: "FC 3.0 primary LATEST",
    type: R,
    where: "test/release",
    bad: 'got "LATEST"',
    allowed: 'a published version ("1", "2", "3")',
    run: alias("fc3", { version: "LATEST" }),
  },
  {
    category: "versions",
    name: "canary without weight or rules",
    type: R,
    where: "test/release",
    bad: 'canary "2"',
    allowed: "a weight in [0, 1]",
    run: alias("scf", { canary: { version: "2" } }),
  },
  {
    category: "versions",
    name: "two canaries in a list",
    type: R,
    where: "test/release",
    bad: 'got [{"version":"2","weight":0.1},{"version":"3","weight":0.1}]',
    allowed: "at most one canary version",
    run: alias("fc3", {
      canary: [
        { version: "2", weight: 0.1 },
        { version: "3", weight: 0.1 },
      ],
    }),
  },

  // CanaryAlias: names
  {
    category: "naming",
    name: "SCF alias name starting with a digit",
    type: R,
    where: "test/a",
    bad: '"1release"',
    allowed: "starting with a letter",
    code: "InvalidParameterValue.Name",
    run: withFn(
      "scf",
      (s, fn) => void new CanaryAlias(s, "a", { function: fn, aliasName: "1release", version: "1" }),
    ),
  },
  {
    category: "naming",
    name: "SCF alias name of 65 characters",
    type: R,
    where: "test/a",
    bad: `"r${"e".repeat(64)}"`.slice(0, 40),
    allowed: "1-64 letters",
    run: withFn(
      "scf",
      (s, fn) =>
        void new CanaryAlias(s, "a", { function: fn, aliasName: "r" + "e".repeat(64), version: "1" }),
    ),
  },
  {
    category: "naming",
    name: "FC 3.0 alias named LATEST",
    type: R,
    where: "test/a",
    bad: '"LATEST"',
    allowed: "not LATEST",
    run: withFn(
      "fc3",
      (s, fn) => void new CanaryAlias(s, "a", { function: fn, aliasName: "LATEST", version: "1" }),
    ),
  },
  {
    category: "naming",
    name: "FC 2.0 alias starting with '-'",
    type: R,
    where: "test/a",
    bad: '"-release"',
    allowed: "starting with a letter or '_'",
    run: withFn(
      "fc2",
      (s, fn) => void new CanaryAlias(s, "a", { function: fn, aliasName: "-release", version: "1" }),
    ),
  },
  {
    category: "naming",
    name: "FC alias named $DEFAULT",
    type: R,
    where: "test/a",
    bad: '"$DEFAULT"',
    allowed: "1-128 letters",
    run: withFn(
      "fc3",
      (s, fn) => void new CanaryAlias(s, "a", { function: fn, aliasName: "$DEFAULT", version: "1" }),
    ),
  },
  {
    category: "naming",
    name: "SCF alias declared twice",
    type: R,
    where: "test/b",
    bad: '"release"',
    allowed: "one alias per name",
    code: "ResourceInUse.Alias",
    run: withFn("scf", (s, fn) => {
      new CanaryAlias(s, "a", { function: fn, aliasName: "release", version: "1" });
      new CanaryAlias(s, "b", { function: fn, aliasName: "release", version: "2" });
    }),
  },
  {
    category: "naming",
    name: "FC 3.0 alias declared twice",
    type: R,
    where: "test/b",
    bad: '"release"',
    allowed: "one alias per name",
    code: "AliasAlreadyExists",
    run: withFn("fc3", (s, fn) => {
      new CanaryAlias(s, "a", { function: fn, aliasName: "release", version: "1" });
      new CanaryAlias(s, "b", { function: fn, aliasName: "release", version: "2" });
    }),
  },
  {
    category: "CanaryAlias",
    name: "function that is not a FunctionWithVersions",
    type: R,
    where: "test/release",
    bad: 'got {"functionName":"orders"}',
    allowed: "a FunctionWithVersions construct",
    run: (app) =>
      void new CanaryAlias(stackOf(app), "release", {
        function: { functionName: "orders" } as never,
        aliasName: "release",
        version: "1",
      }),
  },
  {
    category: "CanaryAlias",
    name: "$DEFAULT traffic on FC 3.0",
    type: R,
    where: "test/default",
    bad: "Alibaba FC 3.0",
    allowed: "a CanaryAlias with a weight on FC",
    run: withFn("fc3", (stack, fn) => void CanaryAlias.scfDefaultTraffic(stack, "default", fn, 0.1)),
  },

  // CanaryAlias: rules
  {
    category: "rules",
    name: "SCF rule on a cookie",
    type: R,
    where: "test/release",
    bad: 'cookie User = "Bob"',
    allowed: 'source "header" with operator "=" (exact) or "range"',
    run: alias("scf", { canary: { version: "2", rules: [rule({ source: "cookie" })] } }),
  },
  {
    category: "rules",
    name: "SCF rule on a query parameter",
    type: R,
    where: "test/release",
    bad: 'query User = "Bob"',
    allowed: 'source "header"',
    run: alias("scf", { canary: { version: "2", rules: [rule({ source: "query" })] } }),
  },
  {
    category: "rules",
    name: "SCF rule with operator !=",
    type: R,
    where: "test/release",
    bad: 'header User != "Bob"',
    allowed: 'operator "=" (exact) or "range"',
    run: alias("scf", { canary: { version: "2", rules: [rule({ operator: "!=" })] } }),
  },
  {
    category: "rules",
    name: "SCF rule with operator percent",
    type: R,
    where: "test/release",
    bad: 'header User percent "20"',
    allowed: 'operator "=" (exact) or "range"',
    run: alias("scf", { canary: { version: "2", rules: [rule({ operator: "percent", value: "20" })] } }),
  },
  {
    category: "rules",
    name: "SCF range [5,1]",
    type: R,
    where: "test/release",
    bad: 'got "[5,1]"',
    allowed: "integers a <= b",
    code: "InvalidParameterValue.RoutingConfig",
    run: alias("scf", { canary: { version: "2", rules: [rule({ operator: "range", value: "[5,1]" })] } }),
  },
  {
    category: "rules",
    name: "SCF range (a,b)",
    type: R,
    where: "test/release",
    bad: 'got "(a,b)"',
    allowed: "(a,b), [a,b], [a,b) or (a,b] with integers",
    run: alias("scf", { canary: { version: "2", rules: [rule({ operator: "range", value: "(a,b)" })] } }),
  },
  {
    category: "rules",
    name: "SCF range with an open bracket [1,5",
    type: R,
    where: "test/release",
    bad: 'got "[1,5"',
    allowed: "(a,b), [a,b]",
    run: alias("scf", { canary: { version: "2", rules: [rule({ operator: "range", value: "[1,5" })] } }),
  },
  {
    category: "rules",
    name: "SCF range without brackets 1,5",
    type: R,
    where: "test/release",
    bad: 'got "1,5"',
    allowed: "(a,b), [a,b]",
    run: alias("scf", { canary: { version: "2", rules: [rule({ operator: "range", value: "1,5" })] } }),
  },
  {
    category: "rules",
    name: "SCF range with decimals [1.5,3]",
    type: R,
    where: "test/release",
    bad: 'got "[1.5,3]"',
    allowed: "with integers",
    run: alias("scf", { canary: { version: "2", rules: [rule({ operator: "range", value: "[1.5,3]" })] } }),
  },
  {
    category: "rules",
    name: "SCF rule with an empty header name",
    type: R,
    where: "test/release",
    bad: 'got "invoke.headers."',
    allowed: "invoke.headers.<name>",
    run: alias("scf", { canary: { version: "2", rules: [rule({ name: "" })] } }),
  },
  {
    category: "rules",
    name: "SCF rule with a weight",
    type: R,
    where: "test/release",
    bad: "got weight 0.1 and 1 rule(s)",
    allowed: "drop the weight",
    run: alias("scf", { canary: { version: "2", weight: 0.1, rules: [rule()] } }),
  },
  {
    category: "rules",
    name: "rules not a list",
    type: R,
    where: "test/release",
    bad: 'got "User=Bob"',
    allowed: "[{ source, name, operator, value }, ...]",
    run: alias("scf", { canary: { version: "2", rules: "User=Bob" } }),
  },
  {
    category: "rules",
    name: "a rule that is null",
    type: R,
    where: "test/release",
    bad: "got null",
    allowed: "{ source, name, operator, value }",
    run: alias("scf", { canary: { version: "2", rules: [null] } }),
  },
  {
    category: "rules",
    name: "FC 2.0 unknown operator ~=",
    type: R,
    where: "test/release",
    bad: 'got "~="',
    allowed: "= != > < >= <= in percent",
    code: "InvalidArgument",
    run: alias("fc2", {
      fc2Rules: "simulate-only",
      canary: { version: "2", rules: [rule({ operator: "~=" })] },
    }),
  },
  {
    category: "rules",
    name: "FC 2.0 unknown operator regex",
    type: R,
    where: "test/release",
    bad: 'got "regex"',
    allowed: "= != > < >= <= in percent",
    run: alias("fc2", {
      fc2Rules: "simulate-only",
      canary: { version: "2", rules: [rule({ operator: "regex" })] },
    }),
  },
  {
    category: "rules",
    name: "FC 2.0 percent 0",
    type: R,
    where: "test/release",
    bad: 'got "0"',
    allowed: "an integer from 1 to 100",
    run: alias("fc2", {
      fc2Rules: "simulate-only",
      canary: { version: "2", rules: [rule({ operator: "percent", value: "0" })] },
    }),
  },
  {
    category: "rules",
    name: "FC 2.0 percent 101",
    type: R,
    where: "test/release",
    bad: 'got "101"',
    allowed: "an integer from 1 to 100",
    run: alias("fc2", {
      fc2Rules: "simulate-only",
      canary: { version: "2", rules: [rule({ operator: "percent", value: "101" })] },
    }),
  },
  {
    category: "rules",
    name: "FC 2.0 percent 12.5",
    type: R,
    where: "test/release",
    bad: 'got "12.5"',
    allowed: "an integer from 1 to 100",
    run: alias("fc2", {
      fc2Rules: "simulate-only",
      canary: { version: "2", rules: [rule({ operator: "percent", value: "12.5" })] },
    }),
  },
  {
    category: "rules",
    name: "FC 2.0 percent -5",
    type: R,
    where: "test/release",
    bad: 'got "-5"',
    allowed: "an integer from 1 to 100",
    run: alias("fc2", {
      fc2Rules: "simulate-only",
      canary: { version: "2", rules: [rule({ operator: "percent", value: "-5" })] },
    }),
  },
  {
    category: "rules",
    name: "FC 2.0 rule on the path",
    type: R,
    where: "test/release",
    bad: 'source "path"',
    allowed: "source header, cookie or query",
    run: alias("fc2", {
      fc2Rules: "simulate-only",
      canary: { version: "2", rules: [rule({ source: "path" })] },
    }),
  },
  {
    category: "rules",
    name: "FC 2.0 range operator",
    type: R,
    where: "test/release",
    bad: 'operator "range"',
    allowed: "= != > < >= <= in percent",
    run: alias("fc2", {
      fc2Rules: "simulate-only",
      canary: { version: "2", rules: [rule({ operator: "range", value: "[1,5]" })] },
    }),
  },
  {
    category: "rules",
    name: "FC 2.0 empty rule value",
    type: R,
    where: "test/release",
    bad: 'got ""',
    allowed: "a non-empty string",
    run: alias("fc2", { fc2Rules: "simulate-only", canary: { version: "2", rules: [rule({ value: "" })] } }),
  },
  {
    category: "rules",
    name: "FC 2.0 match mode xor",
    type: R,
    where: "test/release",
    bad: '"xor"',
    allowed: '"all", "any"',
    run: alias("fc2", { fc2Rules: "simulate-only", canary: { version: "2", match: "xor", rules: [rule()] } }),
  },
  {
    category: "target",
    name: "FC 2.0 rules the provider cannot deploy",
    type: R,
    where: "test/release",
    bad: "got 1 rule(s)",
    allowed: 'fc2Rules: "simulate-only"',
    run: alias("fc2", { canary: { version: "2", rules: [rule()] } }),
  },
  {
    category: "target",
    name: "FC 2.0 fc2Rules with an unknown mode",
    type: R,
    where: "test/release",
    bad: '"maybe"',
    allowed: '"error", "simulate-only"',
    run: alias("fc2", { fc2Rules: "maybe", canary: { version: "2", rules: [rule()] } }),
  },
  {
    category: "target",
    name: "FC 3.0 alias with rules",
    type: R,
    where: "test/release",
    bad: "got 1 rule(s)",
    allowed: "header/query canaries through StagedApiGateway gateway routing",
    run: alias("fc3", { canary: { version: "2", rules: [rule()] } }),
  },

  // StagedApiGateway
  {
    category: "stages",
    name: "stage bound to a missing alias",
    type: R,
    where: "test/api",
    bad: '"canary"',
    allowed: '"release", "prepub", "$DEFAULT", "$LATEST", "1", "2", "3"',
    run: gateway("scf", { stages: { release: { alias: "canary" } } }),
  },
  {
    category: "stages",
    name: "release stage without a release alias",
    type: R,
    where: "test/api",
    bad: '"release"',
    allowed: '"LATEST", "1", "2", "3"',
    run: gateway("fc3", {}, {}, false),
  },
  {
    category: "stages",
    name: "stage bound to a removed version",
    type: R,
    where: "test/api",
    bad: '"4"',
    allowed: '"release", "prepub", "LATEST", "1", "2", "3"',
    run: gateway("fc3", { stages: { prepub: { alias: "4" } } }),
  },
  {
    category: "stages",
    name: "stage bound to $DEFAULT on FC",
    type: R,
    where: "test/api",
    bad: '"$DEFAULT"',
    allowed: '"release", "prepub", "LATEST"',
    run: gateway("fc2", { stages: { dev: { alias: "$DEFAULT" } } }),
  },
  {
    category: "stages",
    name: "unknown stage staging",
    type: R,
    where: "test/api",
    bad: '"staging"',
    allowed: "release, prepub, dev",
    run: gateway("scf", { stages: { staging: {} } }),
  },
  {
    category: "stages",
    name: "stage options given as a string",
    type: R,
    where: "test/api",
    bad: 'got "release"',
    allowed: "{ alias?, routes?, customDomain? } or false",
    run: gateway("scf", { stages: { release: "release" } }),
  },
  {
    category: "stages",
    name: "no stage left",
    type: R,
    where: "test/api",
    bad: "no stage left",
    allowed: "at least one of release, prepub, dev",
    run: gateway("scf", { stages: { release: false, prepub: false, dev: false } }),
  },
  {
    category: "stages",
    name: "stage bound to another function's alias",
    type: R,
    where: "test/api",
    bad: "test/other",
    allowed: "aliases of test/fn",
    run: withFn("scf", (s, fn) => {
      const fn2 = new FunctionWithVersions(s, "fn2", fnProps("scf", { functionName: "other-fn" }));
      const other = new CanaryAlias(s, "other", { function: fn2, aliasName: "release", version: "1" });
      new StagedApiGateway(s, "api", {
        function: fn,
        name: "orders_api",
        stages: { release: { alias: other }, prepub: false },
      });
    }),
  },
  {
    category: "naming",
    name: "gateway name starting with a digit",
    type: R,
    where: "test/api",
    bad: '"1api"',
    allowed: "starting with a letter",
    run: gateway("scf", { name: "1api" }),
  },
  {
    category: "naming",
    name: "gateway name with a dot",
    type: R,
    where: "test/api",
    bad: '"orders.api"',
    allowed: "4-50 letters, digits, Chinese characters or '_'",
    run: gateway("fc3", { name: "orders.api" }),
  },
  {
    category: "naming",
    name: "Alibaba group name with a dash (CreateApiGroup refuses it; the provider does not check)",
    type: R,
    where: "test/api",
    bad: '"canary-demo"',
    allowed: "Chinese characters or '_', starting with a letter or a Chinese character; e.g. \"canary_demo\"",
    run: gateway("fc3", { name: "canary-demo" }),
  },
  {
    category: "naming",
    name: "Tencent service name with a dash (the console rule is the default)",
    type: R,
    where: "test/api",
    bad: '"orders-api"',
    allowed: "1-50 letters, digits or '_', starting with a letter",
    run: gateway("scf", { name: "orders-api" }),
  },
  {
    category: "StagedApiGateway",
    name: "path without a leading slash",
    type: R,
    where: "test/api",
    bad: '"orders"',
    allowed: 'a path starting with "/"',
    run: gateway("scf", { path: "orders" }),
  },
  {
    category: "StagedApiGateway",
    name: "missing region on Alibaba",
    type: R,
    where: "test/api",
    bad: "got undefined",
    allowed: 'e.g. "cn-hangzhou"',
    run: gateway("fc3", { region: undefined }),
  },
  {
    category: "StagedApiGateway",
    name: "timeout of 0 seconds",
    type: R,
    where: "test/api",
    bad: "timeoutSeconds 0",
    allowed: "an integer from 1 to 1800",
    run: gateway("scf", { timeoutSeconds: 0 }),
  },
  {
    category: "StagedApiGateway",
    name: "timeout of 1.5 seconds",
    type: R,
    where: "test/api",
    bad: "timeoutSeconds 1.5",
    allowed: "an integer from 1 to 1800",
    run: gateway("fc3", { timeoutSeconds: 1.5 }),
  },
  {
    category: "target",
    name: "FC 2.0 HTTP function behind the gateway",
    type: R,
    where: "test/api",
    bad: "FC 2.0 HTTP functions",
    allowed: "event functions",
    run: gateway("fc2", {}, { kind: "http" }),
  },
  {
    category: "target",
    name: "custom domain on Alibaba",
    type: R,
    where: "test/api",
    bad: "customDomain",
    allowed: "bind the group's domain on Alibaba",
    run: gateway("fc3", { stages: { release: { customDomain: { subDomain: "api.example.com" } } } }),
  },
  {
    category: "target",
    name: "gateway route on Tencent",
    type: R,
    where: "test/api",
    bad: "got 1",
    allowed: "SCF alias rules on the invoke RoutingKey",
    code: "GatewayRoutingUnsupported",
    run: gateway("scf", {
      stages: {
        prepub: {
          routes: [{ when: [{ source: "header", name: "User", operator: "=", value: "Bob" }], to: "2" }],
        },
      },
    }),
  },
  {
    category: "target",
    name: "gateway route on a cookie",
    type: R,
    where: "test/api",
    bad: 'got "cookie"',
    allowed: "header or query (API Gateway parameters; cookies are not parameters)",
    run: gateway("fc3", {
      stages: {
        prepub: {
          routes: [{ when: [{ source: "cookie", name: "beta", operator: "=", value: "1" }], to: "2" }],
        },
      },
    }),
  },
  {
    category: "rules",
    name: "gateway route with operator in",
    type: R,
    where: "test/api",
    bad: 'got "in"',
    allowed: "= != > < >= <=",
    run: gateway("fc3", {
      stages: {
        prepub: {
          routes: [{ when: [{ source: "header", name: "x-uid", operator: "in", value: "1,2" }], to: "2" }],
        },
      },
    }),
  },
  {
    category: "weights",
    name: "gateway random share as percent",
    type: R,
    where: "test/api",
    bad: "got 5",
    allowed: "a fraction in [0, 1]",
    run: gateway("fc3", { stages: { prepub: { routes: [{ when: [{ random: 5 }], to: "2" }] } } }),
  },
  {
    category: "stages",
    name: "valid gateway routes without experimentalFcRoutingPlugin (FC backend overrides are undocumented)",
    type: R,
    where: "test/api",
    bad: "got 1 route",
    allowed: "or experimentalFcRoutingPlugin: true to emit them anyway",
    run: gateway("fc3", { stages: { prepub: { routes: [{ when: [{ random: 0.1 }], to: "2" }] } } }),
  },
  {
    category: "stages",
    name: "gateway route to a missing alias",
    type: R,
    where: "test/api",
    bad: '"beta"',
    allowed: '"release", "prepub", "LATEST", "1", "2", "3"',
    run: gateway("fc3", { stages: { prepub: { routes: [{ when: [{ random: 0.1 }], to: "beta" }] } } }),
  },
  {
    category: "stages",
    name: "duplicate gateway route names",
    type: R,
    where: "test/api",
    bad: 'got "beta"',
    allowed: "a unique name of 1-50 letters, digits or '_'",
    run: gateway("fc3", {
      stages: {
        prepub: {
          routes: [
            { name: "beta", when: [{ random: 0.1 }], to: "2" },
            { name: "beta", when: [{ random: 0.2 }], to: "3" },
          ],
        },
      },
    }),
  },
  {
    category: "stages",
    name: "gateway route that is null",
    type: R,
    where: "test/api",
    bad: "got null",
    allowed: "{ when: [conditions], to: alias or version, name? }",
    run: gateway("fc3", { stages: { prepub: { routes: [null] } } }),
  },
  {
    category: "StagedApiGateway",
    name: "protectReleaseVersions as a string",
    type: R,
    where: "test/api",
    bad: '"yes"',
    allowed: "true, false",
    run: gateway("scf", { protectReleaseVersions: "yes" }),
  },
  {
    category: "StagedApiGateway",
    name: "expectationSamples of 0",
    type: R,
    where: "test/api",
    bad: "expectationSamples 0",
    allowed: "an integer from 1 to 10000000",
    run: gateway("scf", { expectationSamples: 0 }),
  },

  // Routing expectations
  {
    category: "expectations",
    name: "share expectation that does not hold",
    type: R,
    where: "test/api",
    bad: "actual 9.9% over 2000 requests: v1 90.2% | v2 9.9%",
    allowed: "expected 50% ± 2 points to v2",
    run: gateway("scf", {
      expectations: [{ stage: "release", share: { version: "2", percent: 50, tolerance: 2 } }],
    }),
  },
  {
    category: "expectations",
    name: "reaches expectation that does not hold",
    type: R,
    where: "test/api",
    bad: "v3 100%",
    allowed: "expected every request to reach v2",
    run: gateway("fc3", { expectations: [{ stage: "prepub", reaches: "2" }] }),
  },
  {
    category: "expectations",
    name: "expectation with both reaches and share",
    type: R,
    where: "test/api",
    bad: "got both of reaches and share",
    allowed: "exactly one of reaches or share",
    run: gateway("scf", {
      expectations: [{ stage: "release", reaches: "1", share: { version: "2", percent: 10, tolerance: 2 } }],
    }),
  },
  {
    category: "expectations",
    name: "expectation with neither reaches nor share",
    type: R,
    where: "test/api",
    bad: "got neither of reaches and share",
    allowed: "exactly one of reaches or share",
    run: gateway("scf", { expectations: [{ stage: "release" }] }),
  },
  {
    category: "expectations",
    name: "share percent NaN",
    type: R,
    where: "test/api",
    bad: "share.percent NaN",
    allowed: "a number from 0 to 100",
    run: gateway("fc3", {
      expectations: [{ stage: "release", share: { version: "2", percent: Number.NaN, tolerance: 2 } }],
    }),
  },
  {
    category: "expectations",
    name: "share percent above 100",
    type: R,
    where: "test/api",
    bad: "share.percent 1000",
    allowed: "a number from 0 to 100",
    run: gateway("fc3", {
      expectations: [{ stage: "release", share: { version: "2", percent: 1000, tolerance: 2 } }],
    }),
  },
  {
    category: "expectations",
    name: "negative tolerance",
    type: R,
    where: "test/api",
    bad: "share.tolerance -1",
    allowed: "a finite number of percentage points ≥ 0",
    run: gateway("scf", {
      expectations: [{ stage: "release", share: { version: "2", percent: 10, tolerance: -1 } }],
    }),
  },
  {
    category: "expectations",
    name: "expectation on a stage left out",
    type: R,
    where: "test/api",
    bad: 'got "prepub"',
    allowed: '"release", "dev"',
    code: "StageNotFound",
    run: gateway("scf", { stages: { prepub: false }, expectations: [{ stage: "prepub", reaches: "3" }] }),
  },
  {
    category: "expectations",
    name: "expectation with a header that is not a string",
    type: R,
    where: "test/api",
    bad: "got 5",
    allowed: "a string or a list of strings",
    code: "InvalidParameterValue.Param",
    run: gateway("fc3", {
      expectations: [{ stage: "release", request: { headers: { "x-uid": 5 } }, reaches: "1" }],
    }),
  },
  {
    category: "expectations",
    name: "expectation that is null",
    type: R,
    where: "test/api",
    bad: "got null",
    allowed: "{ stage, request?, reaches | share }",
    run: gateway("scf", { expectations: [null] }),
  },
  {
    category: "expectations",
    name: "alias expectation with a RoutingKey over 1024 bytes",
    type: R,
    where: "test/release",
    bad: "2000 bytes",
    allowed: "at most 1024 bytes",
    code: "InvalidParameterValue.Param",
    run: withFn("scf", (s, fn) =>
      new CanaryAlias(s, "release", { function: fn, aliasName: "release", version: "1" }).expect({
        request: { routingKey: "x".repeat(2000) },
        reaches: "1",
      }),
    ),
  },
  {
    category: "expectations",
    name: "alias expectation with a RoutingKey that is not JSON",
    type: R,
    where: "test/release",
    bad: 'got "User=Bob"',
    allowed: "a JSON object of string values",
    run: withFn("scf", (s, fn) =>
      new CanaryAlias(s, "release", { function: fn, aliasName: "release", version: "1" }).expect({
        request: { routingKey: "User=Bob" },
        reaches: "1",
      }),
    ),
  },
  {
    category: "expectations",
    name: "alias expectation for a version it does not reach",
    type: R,
    where: "test/release",
    bad: "actual over 2000 requests: v1 100%",
    allowed: "expected every request to reach v2",
    run: withFn("fc2", (s, fn) =>
      new CanaryAlias(s, "release", { function: fn, aliasName: "release", version: "1" }).expect({
        reaches: "2",
        samples: 2000,
      }),
    ),
  },
];

export const ROUTING_CASES: readonly BatteryCase[] = [
  {
    category: "weights",
    name: "SCF weights summing above 1",
    type: V,
    where: "aliases[r].weights",
    bad: "got 1.2999999999999998",
    allowed: "a sum of weights of at most 1",
    code: "InvalidParameterValue.AdditionalVersionWeights",
    run: valid(
      scfModel([
        {
          name: "r",
          primary: "1",
          weights: [
            { version: "2", weight: 0.7 },
            { version: "3", weight: 0.6 },
          ],
        },
      ]),
      { maxAdditionalVersions: 2 },
    ),
  },
  {
    category: "weights",
    name: "FC 3.0 weights summing above 1",
    type: V,
    where: "aliases[r].weights",
    bad: "got 1.2999999999999998",
    allowed: "a sum of weights of at most 1",
    code: "InvalidArgument",
    run: valid(fcModel("fc3", [{ name: "r", versionId: "1", weights: { "2": 0.7, "3": 0.6 } }]), {
      maxAdditionalVersions: 2,
    }),
  },
  {
    category: "versions",
    name: "SCF two additional versions",
    type: V,
    where: "aliases[r].weights",
    bad: 'got ["2","3"]',
    allowed: "at most 1 additional version(s)",
    code: "InvalidParameterValue.RoutingConfig",
    run: valid(
      scfModel([
        {
          name: "r",
          primary: "1",
          weights: [
            { version: "2", weight: 0.1 },
            { version: "3", weight: 0.1 },
          ],
        },
      ]),
    ),
  },
  {
    category: "versions",
    name: "FC 3.0 two additional versions",
    type: V,
    where: "aliases[r].weights",
    bad: 'got {"2":0.1,"3":0.1}',
    allowed: "at most 1 additional version(s)",
    code: "InvalidArgument",
    run: valid(fcModel("fc3", [{ name: "r", versionId: "1", weights: { "2": 0.1, "3": 0.1 } }])),
  },
  {
    category: "versions",
    name: "FC 2.0 weight on an unpublished version",
    type: V,
    where: 'aliases[r].weights["9"]',
    bad: '"9"',
    allowed: '"1", "2", "3"',
    code: "VersionNotFound",
    run: valid(fcModel("fc2", [{ name: "r", versionId: "1", weights: { "9": 0.1 } }])),
  },
  {
    category: "versions",
    name: "a version removed while an alias uses it",
    type: V,
    where: "publishedVersions",
    bad: 'got "1"',
    allowed: "move alias r off version 1 first",
    code: "VersionStillReferenced",
    run: valid(
      scfModel([{ name: "r", primary: "1" }], { publishedVersions: ["2"] }),
      undefined,
      scfModel([{ name: "r", primary: "1" }]),
    ),
  },
  {
    category: "rules",
    name: "FC 2.0 unknown resolvePolicy",
    type: V,
    where: "aliases[r].resolvePolicy",
    bad: 'got "Sticky"',
    allowed: "Random, Content",
    run: valid(
      fcModel("fc2", [{ name: "r", versionId: "1", weights: { "2": 0.1 }, resolvePolicy: "Sticky" }]),
    ),
  },
  {
    category: "rules",
    name: "FC 2.0 condition XOR",
    type: V,
    where: "aliases[r].routePolicy.condition",
    bad: 'got "XOR"',
    allowed: "AND, OR",
    run: valid(fcModel("fc2", [content([header()], { condition: "XOR" })])),
  },
  {
    category: "rules",
    name: "FC 2.0 empty policyItems",
    type: V,
    where: "aliases[r].routePolicy.policyItems",
    bad: "got []",
    allowed: "a non-empty list of { type, key, value, operator }",
    run: valid(fcModel("fc2", [content([])])),
  },
  {
    category: "rules",
    name: "FC 2.0 policy item type Path",
    type: V,
    where: "aliases[r].routePolicy.policyItems[0].type",
    bad: 'got "Path"',
    allowed: "Header, Cookie, Param",
    run: valid(fcModel("fc2", [content([header({ type: "Path" })])])),
  },
  {
    category: "rules",
    name: "FC 2.0 operator between",
    type: V,
    where: "aliases[r].routePolicy.policyItems[0].operator",
    bad: 'got "between"',
    allowed: "= != > < >= <= in percent",
    run: valid(fcModel("fc2", [content([header({ operator: "between" })])])),
  },
  {
    category: "rules",
    name: "FC 2.0 percent 1000",
    type: V,
    where: "aliases[r].routePolicy.policyItems[0].value",
    bad: 'got "1000"',
    allowed: "an integer from 1 to 100",
    run: valid(fcModel("fc2", [content([header({ operator: "percent", value: "1000" })])])),
  },
  {
    category: "rules",
    name: "FC 2.0 Content mode with two canaries",
    type: V,
    where: "aliases[r].weights",
    bad: 'got {"2":0,"3":0}',
    allowed: "exactly one additional version",
    run: valid(fcModel("fc2", [{ ...content([header()]), weights: { "2": 0, "3": 0 } }]), {
      maxAdditionalVersions: 2,
    }),
  },
  {
    category: "target",
    name: "FC 3.0 alias with a routePolicy",
    type: V,
    where: "aliases[r].resolvePolicy",
    bad: 'got "Content"',
    allowed: "weights only",
    run: valid(fcModel("fc3", [content([header()])])),
  },
  {
    category: "naming",
    name: "FC 3.0 version id of 11 characters",
    type: V,
    where: "aliases[r].versionId",
    bad: 'got "12345678901"',
    allowed: "a version id of 1-10 characters",
    run: valid(
      fcModel("fc3", [{ name: "r", versionId: "12345678901" }], { publishedVersions: ["12345678901"] }),
    ),
  },
  {
    category: "rules",
    name: "SCF match key headers.User",
    type: V,
    where: "aliases[r].matches[0].key",
    bad: 'got "headers.User"',
    allowed: "invoke.headers.<name>",
    run: valid(
      scfModel([
        {
          name: "r",
          primary: "1",
          matches: [{ version: "2", key: "headers.User", method: "exact", expression: "Bob" }],
        },
      ]),
    ),
  },
  {
    category: "rules",
    name: "SCF match method regex",
    type: V,
    where: "aliases[r].matches[0].method",
    bad: 'got "regex"',
    allowed: "exact, range",
    run: valid(
      scfModel([
        {
          name: "r",
          primary: "1",
          matches: [{ version: "2", key: "invoke.headers.User", method: "regex", expression: "B.*" }],
        },
      ]),
    ),
  },
  {
    category: "rules",
    name: "SCF weights and matches together",
    type: V,
    where: "aliases[r].routingConfig",
    bad: '"weights"',
    allowed: "either additional_version_weights or additional_version_matches, not both",
    run: valid(
      scfModel([
        {
          name: "r",
          primary: "1",
          weights: [{ version: "2", weight: 0.1 }],
          matches: [{ version: "2", key: "invoke.headers.User", method: "exact", expression: "Bob" }],
        },
      ]),
    ),
  },
  {
    category: "rules",
    name: "SCF half-open range with strictRange",
    type: V,
    where: "aliases[r].matches[0].expression",
    bad: 'got "[1,5)"',
    allowed: "(a,b) or [a,b]",
    run: valid(
      scfModel([
        {
          name: "r",
          primary: "1",
          matches: [{ version: "2", key: "invoke.headers.uid", method: "range", expression: "[1,5)" }],
        },
      ]),
      { strictRange: true },
    ),
  },
  {
    category: "versions",
    name: "SCF description without the routing digest",
    type: V,
    where: "aliases[r].description",
    bad: 'got "hello"',
    allowed: 'a description containing the routing digest "v1 100%"',
    run: valid(scfModel([{ name: "r", primary: "1", description: "hello" }])),
  },
  {
    category: "versions",
    name: "provisioned concurrency on $LATEST",
    type: V,
    where: "provisionedConcurrency[0].qualifier",
    bad: 'got "$LATEST"',
    allowed: 'a published version: "1", "2", "3"',
    run: valid(scfModel([], { provisionedConcurrency: [{ qualifier: "$LATEST" }] })),
  },
  {
    category: "model",
    name: "unknown platform lambda",
    type: V,
    where: "platform",
    bad: 'got "lambda"',
    allowed: "fc2, fc3, scf",
    run: valid({ platform: "lambda", publishedVersions: [], aliases: [] } as never),
  },
  {
    category: "model",
    name: "routing option percentHash md5",
    type: V,
    where: "options.percentHash",
    bad: 'got "md5"',
    allowed: '"sha256", "fnv1a32", "murmur2"',
    run: valid(scfModel([]), { percentHash: "md5" as never }),
  },
  {
    category: "requests",
    name: "request to an unknown qualifier",
    type: V,
    where: "request.qualifier",
    bad: 'got "beta"',
    allowed: '"$LATEST", "1", "2", "3", "$DEFAULT"',
    code: "InvalidParameterValue.Qualifier",
    run: () => void resolve(scfModel([]), { qualifier: "beta" }),
  },
  {
    category: "requests",
    name: "request to an unknown FC version",
    type: V,
    where: "request.qualifier",
    bad: 'got "9"',
    allowed: '"LATEST", "1", "2", "3"',
    code: "VersionNotFound",
    run: () => void resolve(fcModel("fc3", []), { qualifier: "9" }),
  },
  {
    category: "requests",
    name: "RoutingKey that is not JSON",
    type: V,
    where: "request.routingKey",
    bad: 'got "User=Bob"',
    allowed: "a JSON object of string values of at most 1024 bytes",
    code: "InvalidParameterValue.Param",
    run: () => void resolve(scfModel([]), { routingKey: "User=Bob" }),
  },
  {
    category: "requests",
    name: "RoutingKey over 1024 bytes",
    type: V,
    where: "request.routingKey",
    bad: "1108 bytes",
    allowed: "at most 1024 bytes",
    run: () => void resolve(scfModel([]), { routingKey: JSON.stringify({ a: "x".repeat(1100) }) }),
  },
  {
    category: "requests",
    name: "RoutingKey with a number value",
    type: V,
    where: "request.routingKey",
    bad: '"{\\"a\\":1}"',
    allowed: "a JSON object of string values",
    run: () => void resolve(scfModel([]), { routingKey: '{"a":1}' }),
  },
  {
    category: "requests",
    name: "unknown invoke API",
    type: V,
    where: "request.api",
    bad: 'got "grpc"',
    allowed: "Invoke, InvokeFunction, trigger, http, apigateway",
    run: () => void resolve(scfModel([]), { api: "grpc" as never }),
  },
  {
    category: "requests",
    name: "fractional request index",
    type: V,
    where: "requestIndex",
    bad: "got 1.5",
    allowed: "an integer: a number from -2^53 to 2^53",
    run: () => void resolve(scfModel([]), {}, { requestIndex: 1.5 }),
  },
  {
    category: "requests",
    name: "hexadecimal seed (decimal strings only)",
    type: V,
    where: "seed",
    bad: 'got "0x10"',
    allowed: "a decimal string",
    run: () => void resolve(scfModel([]), {}, { seed: "0x10" }),
  },
  {
    category: "requests",
    name: "seed that is not an integer",
    type: V,
    where: "seed",
    bad: 'got "x1"',
    allowed: "an integer: a number from -2^53 to 2^53, a bigint, or a decimal string",
    run: () => void resolve(scfModel([]), {}, { seed: "x1" }),
  },
  {
    category: "requests",
    name: "sample of -1 requests",
    type: V,
    where: "count",
    bad: "got -1",
    allowed: "an integer from 0 to 1000000000",
    run: () => void sample(scfModel([]), {}, -1),
  },
  {
    category: "stages",
    name: "duplicate stages",
    type: V,
    where: "stages[release]",
    bad: 'got "release"',
    allowed: "each stage once",
    code: "DuplicateStage",
    run: () =>
      void new GatewayRouter({
        cloud: "tencent",
        function: scfModel([]),
        stages: [
          { stage: "release", qualifier: "$LATEST" },
          { stage: "release", qualifier: "1" },
        ],
      }),
  },
  {
    category: "stages",
    name: "unknown stage in a gateway model",
    type: V,
    where: "stages[staging].stage",
    bad: 'got "staging"',
    allowed: "release, prepub, dev",
    code: "InvalidStage",
    run: () =>
      void new GatewayRouter({
        cloud: "tencent",
        function: scfModel([]),
        stages: [{ stage: "staging" as never, qualifier: "$LATEST" }],
      }),
  },
  {
    category: "stages",
    name: "stage bound to a missing alias in a gateway model",
    type: V,
    where: "stages[release].qualifier",
    bad: 'got "release"',
    allowed: '"$LATEST", "1", "2", "3", "$DEFAULT"',
    code: "StageBindingNotFound",
    run: () =>
      void new GatewayRouter({
        cloud: "tencent",
        function: scfModel([]),
        stages: [{ stage: "release", qualifier: "release" }],
      }),
  },
  {
    category: "stages",
    name: "simulating a stage the gateway does not have",
    type: V,
    where: "stage",
    bad: 'got "prepub"',
    allowed: '"release"',
    code: "StageNotFound",
    run: () =>
      void new GatewayRouter({
        cloud: "tencent",
        function: scfModel([]),
        stages: [{ stage: "release", qualifier: "$LATEST" }],
      }).simulate("prepub"),
  },
];

/** Builds a case in a fresh App and returns what it threw (undefined when nothing was thrown). */
export function runCase(c: BatteryCase, outdir: string): unknown {
  try {
    c.run(Testing.app({ outdir, stackTraces: false }));
  } catch (e) {
    return e;
  }
  return undefined;
}
