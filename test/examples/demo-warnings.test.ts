/**
 * #13 item 5: the demo (`npm run demo`) prints, per synthesized stack, the warnings the constructs recorded in its
 * cdk.tf.json — what only the cdktf CLI printed before. Pinned on a synthesized stack that records one.
 */
import * as path from "path";
import { stackLines } from "../../examples/demo";
import { synthRelease, tempDir } from "../review/fixtures";

describe("demo: recorded warnings per stack", () => {
  it("prints the count and each warning with its construct path", () => {
    const out = synthRelease(path.join(tempDir("demo-warnings-"), "cdktf.out"), {
      orders: {
        platform: "scf",
        versions: ["1", "2"],
        release: { version: "1" },
        prepub: { version: "1", rule: { header: "User", value: "Bob", version: "2" } },
        gateway: true,
      },
      quiet: { platform: "scf", versions: ["1"], release: { version: "1" } },
    });
    const lines = stackLines(out, ["orders", "quiet"]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Terraform JSON: .*orders[/\\]cdk\.tf\.json \(\d+ resources, 1 warning\)$/);
    expect(lines[1]).toMatch(
      /^ {2}warning: orders\/Api: \[RoutingKeyNotSentByGateway\] aliases\[prepub\]\.matches: /,
    );
    expect(lines[2]).toMatch(/^Terraform JSON: .*quiet[/\\]cdk\.tf\.json \(\d+ resources, 0 warnings\)$/);
  });
});
