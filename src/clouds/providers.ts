import { Construct } from "constructs";
import { TerraformProvider, TerraformStack } from "../cdktf";

/**
 * Adds a provider block unless the stack has one for that provider already. The library never
 * writes credentials: the providers read them from the environment (see README, "Credentials").
 */
export function ensureProvider(
  scope: Construct,
  providerType: string,
  create: (stack: TerraformStack) => void,
): void {
  const stack = TerraformStack.of(scope);
  const exists = stack.node
    .findAll()
    .some((c) => c instanceof TerraformProvider && c.terraformResourceType === providerType);
  if (!exists) create(stack);
}
