/**
 * Every step of one example rehearsed through Terraform against the twin, with the checks of
 * issue #12: each apply succeeds, each re-plan is empty, no served version is replaced or deleted,
 * no published version's code changes, and the twin's routing per alias is what the library declared.
 * One rehearsal per example (beforeAll); each step's checks are separate tests.
 */
import { rehearse, RehearsalReport } from "../../src/rehearse";
import { EXAMPLES, findingsOf, requireTerraform } from "./helpers";

export function describeExampleRehearsal(name: keyof typeof EXAMPLES & string): void {
  const example = EXAMPLES[name];
  describe(`rehearsal of example ${name}`, () => {
    let report: RehearsalReport;
    beforeAll(async () => {
      requireTerraform();
      report = await rehearse(example.synth());
    }, 280_000);

    it("rehearses every step in order", () => {
      expect(report.steps.map((s) => s.step)).toEqual(example.stepNames);
    });

    describe.each(example.stepNames.map((s) => [s]))("step %s", (step) => {
      it("applies", () => {
        expect(findingsOf(report, "apply-failed", step)).toEqual([]);
        for (const st of report.steps.find((s) => s.step === step)!.stacks) expect(st.applied).toBe(true);
      });
      it("re-plans empty after apply", () => {
        expect(findingsOf(report, "replan-not-empty", step)).toEqual([]);
      });
      it("replaces or deletes no version an alias or stage serves", () => {
        expect(findingsOf(report, "served-version-replaced", step)).toEqual([]);
      });
      it("changes no published version's code", () => {
        expect(findingsOf(report, "version-code-changed", step)).toEqual([]);
      });
      it("leaves each alias's routing on the twin as the library declared", () => {
        expect(findingsOf(report, "routing-differs", step)).toEqual([]);
        const stacks = report.steps.find((s) => s.step === step)!.stacks;
        for (const st of stacks)
          for (const a of st.aliases)
            expect({ alias: a.alias, deployed: a.deployed }).toEqual({
              alias: a.alias,
              deployed: a.declared,
            });
      });
    });
  });
}
