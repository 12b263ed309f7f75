/**
 * A release history, one fresh synthesis per step, as a user would change their app between applies:
 *
 *   1. versions [1],    release → 1
 *   2. versions [1, 2], release → 1              (publish 2, no traffic yet)
 *   3. versions [1, 2], release → 1 + canary 2 @ 10%
 *   4. versions [1, 2], release → 2 (100%)
 *   5. versions [1, 2], release → 1              (roll back)
 *
 * Between every two consecutive steps: version resources are never changed (their inputs are
 * ForceNew, so any change would delete a published version), the function is untouched, and the
 * alias keeps its identity while its routing (and, for the SCF update quirk, its description) moves.
 */
import { CanaryAlias, FunctionWithVersions, ReleaseValidationError } from "../../src";
import { fnProps, newStack, resourcesOfType, synthStack, TfJson, thrown } from "../helpers/synth";

type Platform = "scf" | "fc3";

interface Step {
  readonly versions: readonly string[];
  readonly primary: string;
  readonly canary?: { readonly version: string; readonly weight: number };
}

const STEPS: readonly Step[] = [
  { versions: ["1"], primary: "1" },
  { versions: ["1", "2"], primary: "1" },
  { versions: ["1", "2"], primary: "1", canary: { version: "2", weight: 0.1 } },
  { versions: ["1", "2"], primary: "2" },
  { versions: ["1", "2"], primary: "1" },
];

const EXPECTED_DESCRIPTION = [
  "release: v1 100%",
  "release: v1 100%",
  "release: v1 90% | v2 10%",
  "release: v2 100%",
  "release: v1 100%",
];

/** Resource types and the attributes that carry the alias routing, per platform. */
const TYPES = {
  scf: {
    fn: "tencentcloud_scf_function",
    version: "tencentcloud_scf_function_version",
    versionAttr: "function_version",
    alias: "tencentcloud_scf_function_alias",
    aliasName: "name",
    primary: "function_version",
  },
  fc3: {
    fn: "alicloud_fcv3_function",
    version: "alicloud_fcv3_function_version",
    versionAttr: "version_id",
    alias: "alicloud_fcv3_alias",
    aliasName: "alias_name",
    primary: "version_id",
  },
} as const;

/** One step of the history: its own App and stack, built the same way every time. */
function buildStep(platform: Platform, step: Step): TfJson {
  return synthStack((stack) => {
    const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: step.versions }));
    new CanaryAlias(stack, "release", {
      function: fn,
      aliasName: "release",
      version: step.primary,
      canary: step.canary,
    });
  }).json;
}

/** `${type.id.attr}` of the version resource published for `label` (found by its fixed description). */
function versionRef(platform: Platform, json: TfJson, label: string): string {
  const t = TYPES[platform];
  const found = resourcesOfType(json, t.version).filter(
    ([, body]) => body.description === `release ${label}`,
  );
  expect(found).toHaveLength(1);
  return `\${${t.version}.${found[0][0]}.${t.versionAttr}}`;
}

/** The routing part of the alias body: what must change when (and only when) the routing changes. */
function routingOf(platform: Platform, alias: TfJson): unknown {
  return platform === "scf"
    ? { primary: alias.function_version, routing: alias.routing_config ?? null }
    : { primary: alias.version_id, routing: alias.additional_version_weight ?? null };
}

describe.each<Platform>(["scf", "fc3"])("release history on %s", (platform) => {
  const t = TYPES[platform];
  const history = STEPS.map((step) => buildStep(platform, step));
  const single = (json: TfJson, type: string): [string, TfJson] => {
    const all = resourcesOfType(json, type);
    expect(all).toHaveLength(1);
    return all[0];
  };

  it("each step synthesizes the expected alias routing", () => {
    history.forEach((json, i) => {
      const step = STEPS[i];
      const [, alias] = single(json, t.alias);
      expect(alias[t.aliasName]).toBe("release");
      expect(alias[t.primary]).toBe(versionRef(platform, json, step.primary));
      // SCF: the deployed description also carries the version references (UpdateAlias quirk).
      const ids = [step.primary, ...(step.canary ? [step.canary.version] : [])]
        .map((l) => `v${l}=${versionRef(platform, json, l)}`)
        .join(" ");
      expect(alias.description).toBe(
        platform === "scf" ? `${EXPECTED_DESCRIPTION[i]} | ids ${ids}` : EXPECTED_DESCRIPTION[i],
      );
      if (platform === "scf") {
        expect(alias.routing_config).toEqual(
          step.canary
            ? {
                additional_version_weights: [
                  { version: versionRef(platform, json, step.canary.version), weight: step.canary.weight },
                ],
              }
            : {},
        );
      } else {
        expect(alias.additional_version_weight).toEqual(
          step.canary ? { [versionRef(platform, json, step.canary.version)]: step.canary.weight } : {},
        );
      }
      expect(resourcesOfType(json, t.version).map(([, v]) => v.description)).toEqual(
        step.versions.map((l) => `release ${l}`),
      );
    });
  });

  describe.each(STEPS.slice(1).map((_, i) => [i + 1, i + 2]))("step %i → step %i", (from, to) => {
    const before = history[from - 1];
    const after = history[to - 1];

    it("keeps every earlier version resource with byte-identical inputs", () => {
      const later = new Map(resourcesOfType(after, t.version));
      const earlier = resourcesOfType(before, t.version);
      expect(earlier.length).toBeGreaterThan(0);
      for (const [id, body] of earlier) {
        expect(later.has(id)).toBe(true);
        expect(JSON.stringify(later.get(id))).toBe(JSON.stringify(body));
      }
    });

    it("leaves the function resource untouched", () => {
      expect(JSON.stringify(single(after, t.fn))).toBe(JSON.stringify(single(before, t.fn)));
    });

    it("keeps the alias identity (logical id, name, function)", () => {
      const [idBefore, aliasBefore] = single(before, t.alias);
      const [idAfter, aliasAfter] = single(after, t.alias);
      expect(idAfter).toBe(idBefore);
      expect(aliasAfter[t.aliasName]).toBe(aliasBefore[t.aliasName]);
      expect(aliasAfter.function_name).toBe(aliasBefore.function_name);
    });

    it("changes the alias description exactly when its routing changes (SCF UpdateAlias quirk)", () => {
      const [, a] = single(before, t.alias);
      const [, b] = single(after, t.alias);
      const routingChanged =
        JSON.stringify(routingOf(platform, a)) !== JSON.stringify(routingOf(platform, b));
      expect(a.description !== b.description).toBe(routingChanged);
      // In this history every step after the first moves the routing, except publishing version 2.
      expect(routingChanged).toBe(from !== 1);
    });
  });

  it("removing version 1 while the alias still points at it is refused, naming the alias", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: ["2"] }));
    const e = thrown(
      () => new CanaryAlias(stack, "release", { function: fn, aliasName: "release", version: "1" }),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect((e as ReleaseValidationError).constructPath).toBe("test/release");
    expect(e.message).toMatch(/^test\/release references version "1", which test\/fn does not declare/);
    expect(e.message).toContain("move them off it first");
  });

  it("removing a canary version still weighted is refused too", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: ["1"] }));
    const e = thrown(
      () =>
        new CanaryAlias(stack, "release", {
          function: fn,
          aliasName: "release",
          version: "1",
          canary: { version: "2", weight: 0.1 },
        }),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toContain('test/release references version "2"');
  });
});
