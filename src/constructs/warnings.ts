/**
 * The warnings the constructs annotate, recorded in the synthesized stack itself, so tools that read
 * `cdktf.out` (the demo, `serverless-canary review`) show them without the cdktf CLI. They land in the stack's
 * metadata, `"//".metadata["serverless-canary"].warnings`: `[{ path, message }]` in construct order
 * (deterministic), absent when the stack has none.
 */
import { IConstruct } from "constructs";
import { TerraformElement, TerraformStack } from "../cdktf";
import { RecordedWarning, STACK_METADATA_KEY } from "../clouds";

const ELEMENT_ID = "ServerlessCanaryWarnings";
const WARN = "@cdktf/warn";

/** Every `@cdktf/warn` annotation of the stack's constructs, in construct order. */
export function stackWarnings(stack: TerraformStack): RecordedWarning[] {
  return stack.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === WARN)
        .map((m) => ({ path: c.node.path, message: String(m.data) })),
    );
}

/** Contributes no Terraform, only the stack metadata entry (cdktf merges each element's toMetadata). */
class WarningsMetadata extends TerraformElement {
  constructor(private readonly stack: TerraformStack) {
    super(stack, ELEMENT_ID);
  }

  public toMetadata(): Record<string, unknown> {
    const warnings = stackWarnings(this.stack);
    return warnings.length > 0 ? { [STACK_METADATA_KEY]: { warnings } } : {};
  }
}

/** Records the warnings of `scope`'s stack in its synthesized metadata (once per stack). */
export function recordWarnings(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild(ELEMENT_ID)) new WarningsMetadata(stack);
}
