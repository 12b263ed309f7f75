/**
 * StagedApiGatewayProps.protectReleaseVersions (RELIABILITY.md, promise 5): `prevent_destroy` on the
 * version resources the release stage serves, and only on those; the flag follows the routing.
 */
import { TerraformStack, Testing } from "cdktf";
import { CanaryAlias, FunctionWithVersions, StagedApiGateway, StagedApiGatewayProps } from "../../src";
import { fnProps, synthExisting, TfJson, warnings } from "../helpers/synth";
import { scratchOutdir } from "./support/config";
import { versionInputs, versionResources } from "./support/tf";

type Platform = "scf" | "fc3" | "fc2";

interface Setup {
  readonly release?: { readonly version: string; readonly canary?: { version: string; weight: number } };
  readonly gateway?: Partial<StagedApiGatewayProps>;
}

function build(platform: Platform, setup: Setup = {}) {
  const app = Testing.app({ outdir: scratchOutdir(), stackTraces: false });
  const stack = new TerraformStack(app, "test");
  const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: ["1", "2", "3", "4"] }));
  new CanaryAlias(stack, "release", {
    function: fn,
    aliasName: "release",
    version: setup.release?.version ?? "1",
    canary: setup.release ? setup.release.canary : { version: "2", weight: 0.1 },
  });
  new CanaryAlias(stack, "prepub", { function: fn, aliasName: "prepub", version: "3" });
  const gateway = new StagedApiGateway(stack, "api", {
    function: fn,
    name: "orders_api",
    region: platform === "scf" ? undefined : "cn-hangzhou",
    protectReleaseVersions: true,
    ...setup.gateway,
  });
  return { stack, gateway, json: synthExisting(stack).json as TfJson };
}

const protectedLabels = (json: TfJson) =>
  [...versionResources(json).values()]
    .filter((v) => v.body.lifecycle?.prevent_destroy === true)
    .map((v) => v.label)
    .sort();

describe.each(["scf", "fc3"] as const)("protectReleaseVersions on %s", (platform) => {
  it("marks the release alias's primary and canary, and keeps create_before_destroy", () => {
    const { json, gateway } = build(platform);
    expect(protectedLabels(json)).toEqual(["1", "2"]);
    expect(gateway.protectedVersions).toEqual(["1", "2"]);
    for (const v of versionResources(json).values())
      expect(v.body.lifecycle.create_before_destroy).toBe(true);
  });

  it("is off by default", () => {
    const { json, gateway } = build(platform, { gateway: { protectReleaseVersions: undefined } });
    expect(protectedLabels(json)).toEqual([]);
    expect(gateway.protectedVersions).toEqual([]);
  });

  it("marks a version the release stage is bound to directly", () => {
    const { json } = build(platform, { gateway: { stages: { release: { alias: "4" } } } });
    expect(protectedLabels(json)).toEqual(["4"]);
  });

  it("follows the routing: after a promotion the old primary loses it, and no input changes", () => {
    const before = build(platform).json;
    const after = build(platform, { release: { version: "2" } }).json;
    expect(protectedLabels(after)).toEqual(["2"]);
    const a = versionResources(before);
    const b = versionResources(after);
    for (const [label, v] of a) expect(versionInputs(b.get(label)!.body)).toBe(versionInputs(v.body));
  });

  it("warns and protects nothing when the release stage is left out", () => {
    const { json, gateway } = build(platform, { gateway: { stages: { release: false } } });
    expect(protectedLabels(json)).toEqual([]);
    expect(warnings(gateway).map((w) => w.message)).toContain(
      "protectReleaseVersions: no version resource to protect (no release stage)",
    );
  });
});

describe("protectReleaseVersions elsewhere", () => {
  it("covers the targets of release gateway routes (Alibaba)", () => {
    const { json } = build("fc3", {
      gateway: {
        experimentalFcRoutingPlugin: true,
        stages: {
          release: {
            routes: [{ when: [{ source: "header", name: "x-beta", operator: "=", value: "1" }], to: "4" }],
          },
        },
      },
    });
    expect(protectedLabels(json)).toEqual(["1", "2", "4"]);
  });

  it("protects nothing on FC 2.0, whose versions are published outside Terraform, and says so", () => {
    const { gateway } = build("fc2");
    expect(gateway.protectedVersions).toEqual([]);
    expect(warnings(gateway).map((w) => w.message)).toContain(
      "protectReleaseVersions: no version resource to protect (FC 2.0 versions are published outside Terraform)",
    );
  });

  it("protects nothing when release serves $LATEST only, and says so", () => {
    const { json, gateway } = build("scf", { gateway: { stages: { release: { alias: "$DEFAULT" } } } });
    expect(protectedLabels(json)).toEqual([]);
    expect(warnings(gateway).map((w) => w.message)).toContain(
      "protectReleaseVersions: no version resource to protect (the release stage serves $DEFAULT)",
    );
  });
});
