/**
 * The deployed alias description (issue #11 item 8). SCF's provider sends UpdateAlias only when
 * `routing_config` or `description` changes (resource_tc_scf_function_alias.go:330-340), so the description
 * must change whenever a version id behind a label changes: it carries the version references, not only the
 * labels. The human summary (`alias.summary`, the routing output) stays label-only. FC descriptions are cut to
 * the 256 characters FC accepts without ever cutting a Terraform reference in half.
 */
import { TerraformStack, TerraformVariable } from "cdktf";
import { CanaryAlias, CanaryAliasProps, FunctionWithVersions, Platform } from "../../src";
import { fnProps, newStack, resourcesOfType, synthExisting, TfJson } from "../helpers/synth";

const ALIAS_TYPE: Record<Platform, string> = {
  scf: "tencentcloud_scf_function_alias",
  fc3: "alicloud_fcv3_alias",
  fc2: "alicloud_fc_alias",
};

/** Function `fnId` (versions 1-3) with alias "release"; returns the alias and its synthesized body. */
function release(
  platform: Platform,
  alias: Partial<CanaryAliasProps>,
  fnId = "fn",
  build?: (stack: TerraformStack) => Partial<CanaryAliasProps>,
): { alias: CanaryAlias; body: TfJson; json: TfJson } {
  const { stack } = newStack();
  const fn = new FunctionWithVersions(stack, fnId, fnProps(platform, { versions: ["1", "2", "3"] }));
  const extra = build ? build(stack) : {};
  const a = new CanaryAlias(stack, "release", {
    function: fn,
    aliasName: "release",
    version: "1",
    ...alias,
    ...extra,
  });
  const { json } = synthExisting(stack);
  const [[, body]] = resourcesOfType(json, ALIAS_TYPE[platform]);
  return { alias: a, body, json };
}

const versionRef = (json: TfJson, label: string): string => {
  const [[id]] = resourcesOfType(json, "tencentcloud_scf_function_version").filter(
    ([, v]) => v.description === `release ${label}`,
  );
  return `\${tencentcloud_scf_function_version.${id}.function_version}`;
};

describe("SCF alias description carries the version references", () => {
  it("interpolates the id of every version the alias routes to, after the routing digest", () => {
    const { alias, body, json } = release("scf", { canary: { version: "2", weight: 0.1 } });
    expect(body.description).toBe(
      `release: v1 90% | v2 10% | ids v1=${versionRef(json, "1")} v2=${versionRef(json, "2")}`,
    );
    expect(alias.summary).toBe("release: v1 90% | v2 10%");
    const [output] = Object.values<TfJson>(json.output);
    expect(output.value).toBe("release: v1 90% | v2 10%");
  });

  it("rule canaries carry the ids too; your prefix stays first", () => {
    const { body, json } = release("scf", {
      description: "Checkout",
      canary: { version: "3", rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }] },
    });
    expect(body.description).toBe(
      `Checkout | release: v1 | invoke.headers.User exact "Bob" → v3 | ids v1=${versionRef(json, "1")} ` +
        `v3=${versionRef(json, "3")}`,
    );
  });

  it("two synths whose labels are equal but whose version resources differ give different descriptions", () => {
    const a = release("scf", { canary: { version: "2", weight: 0.1 } }, "fn");
    const b = release("scf", { canary: { version: "2", weight: 0.1 } }, "orders");
    expect(a.alias.summary).toBe(b.alias.summary);
    expect(a.body.description).not.toBe(b.body.description);
  });

  it("$LATEST has no version resource: nothing to interpolate", () => {
    const { body } = release("scf", { version: "$LATEST" });
    expect(body.description).toBe("release: $LATEST 100%");
  });
});

/** `… #<8 hex> | release: v1 100%`: the marker of a shortened FC description, then the digest (#13 item 12). */
const CUT_TAIL = /… #[0-9a-f]{8} \| release: v1 100%$/;
const len = (s: string) => Array.from(s).length;

describe("FC alias descriptions stay within 256 characters without cutting a reference", () => {
  it.each<Platform>(["fc3", "fc2"])("%s: a reference that no longer fits is left out whole", (platform) => {
    const { body } = release(platform, {}, "fn", (stack) => ({
      description: `${"x".repeat(240)} ${new TerraformVariable(stack, "team", { type: "string" }).value}`,
    }));
    expect(body.description).toMatch(CUT_TAIL);
    expect(body.description).not.toContain("${");
    expect(len(body.description)).toBeLessThanOrEqual(256);
  });

  it.each<Platform>(["fc3", "fc2"])(
    "%s: a reference that fits is kept, with the text after it",
    (platform) => {
      const { body } = release(platform, {}, "fn", (stack) => ({
        description: `${"x".repeat(200)} ${new TerraformVariable(stack, "team", { type: "string" }).value}`,
      }));
      expect(body.description).toBe(`${"x".repeat(200)} \${var.team} | release: v1 100%`);
    },
  );

  it("counts characters, not UTF-16 units: a cut never splits one", () => {
    const { body } = release("fc3", { description: "发布".repeat(200) });
    expect(len(body.description)).toBe(256);
    expect(body.description).toMatch(CUT_TAIL);
    expect(body.description.startsWith("发布".repeat(112))).toBe(true);
  });

  it("an emoji at the cut is kept whole or left out, never halved", () => {
    const { body } = release("fc3", { description: `${"x".repeat(225)}😀😀${" tail".repeat(10)}` });
    expect(body.description).toMatch(new RegExp(`^x{225}😀… #[0-9a-f]{8} \\| release: v1 100%$`, "u"));
    expect(len(body.description)).toBe(256);
  });
});

describe("FC descriptions: interpolation written as text", () => {
  it("a ${...} typed into the description is not cut open either", () => {
    const { body } = release("fc3", { description: `${"x".repeat(220)}\${var.team}${" tail".repeat(10)}` });
    expect(body.description).toMatch(new RegExp(`^x{220}… #[0-9a-f]{8} \\| release: v1 100%$`));
  });
});
