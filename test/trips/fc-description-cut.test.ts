/**
 * #13 item 12: a long FC alias description is shortened meaningfully: your text is cut at a word boundary and
 * marked with a stable hash of the full text (`… #1a2b3c4d`), the routing digest stays whole after it, a
 * Terraform reference is never cut, and the full digest is the `routing` output.
 */
import { createHash } from "node:crypto";
import { TerraformStack, TerraformVariable } from "cdktf";
import { CanaryAlias, FunctionWithVersions } from "../../src";
import { fnProps, newStack, resourcesOfType, synthExisting } from "../helpers/synth";

const LONG =
  "Checkout release train 2026-11: the new payment provider integration with retries, idempotency keys " +
  "and the reconciliation job; owners payments-team and checkout-team; rollback plan in the runbook " +
  "RB-1234; ticket CHK-5678; approved by the release board on 2026-11-02 after the load test passed";

function fcAlias(platform: "fc3" | "fc2", description: string | ((s: TerraformStack) => string)) {
  const { stack } = newStack();
  const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: ["1", "2"] }));
  const alias = new CanaryAlias(stack, "release", {
    function: fn,
    aliasName: "release",
    version: "1",
    canary: { version: "2", weight: 0.1 },
    description: typeof description === "string" ? description : description(stack),
  });
  const { json } = synthExisting(stack);
  const type = platform === "fc3" ? "alicloud_fcv3_alias" : "alicloud_fc_alias";
  const [[, body]] = resourcesOfType(json, type);
  const output = Object.values<{ value: string }>(json.output ?? {}).map((o) => o.value);
  return { alias, description: body.description as string, output };
}

const hash8 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex").slice(0, 8);

describe("FC description shortening", () => {
  it.each(["fc3", "fc2"] as const)("%s: keeps the digest whole and marks the cut with a stable hash", (p) => {
    const { alias, description, output } = fcAlias(p, LONG);
    const full = `${LONG} | ${alias.summary}`;
    expect(Array.from(full).length).toBeGreaterThan(256);
    expect(Array.from(description).length).toBeLessThanOrEqual(256);
    expect(description.endsWith(`… #${hash8(full)} | release: v1 90% | v2 10%`)).toBe(true);
    // Cut at a word boundary, not mid-token.
    const kept = description.slice(0, description.indexOf("… #"));
    expect(LONG.startsWith(kept)).toBe(true);
    expect(LONG[kept.length]).toMatch(/[\s;,]/);
    // The full digest is in the output.
    expect(output).toContain(alias.summary);
    // Stable: the same input gives the same description.
    expect(fcAlias(p, LONG).description).toBe(description);
  });

  it("two long descriptions that differ only after the cut stay apart", () => {
    const a = fcAlias("fc3", `${LONG} A`).description;
    const b = fcAlias("fc3", `${LONG} B`).description;
    expect(a).not.toBe(b);
  });

  it("never cuts a Terraform reference: one that no longer fits is left out whole", () => {
    const { description } = fcAlias(
      "fc3",
      (stack) =>
        `${"word ".repeat(45)}${new TerraformVariable(stack, "team", { type: "string" }).value} tail`,
    );
    expect(description).not.toContain("${var");
    expect(description).toMatch(/… #[0-9a-f]{8} \| release: v1 90% \| v2 10%$/);
  });

  it("a description that fits is unchanged", () => {
    expect(fcAlias("fc3", "short").description).toBe("short | release: v1 90% | v2 10%");
  });
});
