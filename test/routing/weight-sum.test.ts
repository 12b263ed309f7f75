/** #13 item 11: the weight-sum tolerance is one documented constant, the same for FC and SCF. */
import { routingDigest, validate, WEIGHT_SUM_TOLERANCE } from "../../src";
import { shares } from "../../src/review";
import { fc3Model, fcAlias, scfAlias, scfModel } from "./rules/fixtures";

const options = { options: { maxAdditionalVersions: 2 } };
const fc = (a: number, b: number) => fc3Model({ aliases: [fcAlias({ weights: { "2": a, "3": b } })] });
const scf = (a: number, b: number) =>
  scfModel({
    aliases: [
      scfAlias({
        weights: [
          { version: "2", weight: a },
          { version: "3", weight: b },
        ],
      }),
    ],
  });

describe("weight-sum tolerance", () => {
  it("is 1e-9, exported", () => {
    expect(WEIGHT_SUM_TOLERANCE).toBe(1e-9);
  });

  describe.each([
    ["fc3", fc],
    ["scf", scf],
  ] as const)("%s", (_platform, model) => {
    it("accepts a sum within the tolerance above 1 (float rounding)", () => {
      expect(validate(model(0.7, 0.3 + WEIGHT_SUM_TOLERANCE / 2), options).ok).toBe(true);
      expect(validate(model(0.1 + 0.2, 0.7), options).ok).toBe(true);
    });

    it("refuses a sum beyond it, and the message names the tolerance", () => {
      const r = validate(model(0.7, 0.3 + 2 * WEIGHT_SUM_TOLERANCE), options);
      expect(r.ok).toBe(false);
      const d = r.diagnostics.find((x) => x.message.includes("weights sum above 1"))!;
      expect(d.message).toContain("up to 1e-9 above it is float rounding, accepted");
    });

    it("a sum within the tolerance gives the primary 0%, never a negative share", () => {
      const m = model(0.7, 0.3 + WEIGHT_SUM_TOLERANCE / 2);
      const alias = m.aliases[0];
      expect(routingDigest(m.platform, alias)).toBe("v1 0% | v2 70% | v3 30%");
      expect(shares(m.platform, alias)!.get("1")).toBe(0);
    });
  });
});
