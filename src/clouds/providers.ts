import { Construct, IConstruct } from "constructs";
import { Aspects, TerraformProvider, TerraformStack } from "../cdktf";

/** Providers this library added because the stack had none. */
const addedByLibrary = new WeakSet<TerraformProvider>();

/** Provider types `ensureProvider` has already found or added, per stack. */
const ensuredProviders = new WeakMap<TerraformStack, Set<string>>();

const providersOf = (stack: TerraformStack, providerType: string): TerraformProvider[] =>
  stack.node.children.filter(
    (c): c is TerraformProvider => c instanceof TerraformProvider && c.terraformResourceType === providerType,
  );

/**
 * Drops a provider the library added when the user declared their own default provider of the same
 * type later in the program: two unaliased provider blocks are a Terraform error.
 */
class DropRedundantDefaultProvider {
  constructor(private readonly providerType: string) {}
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const providers = providersOf(node, this.providerType);
    const users = providers.filter((p) => !addedByLibrary.has(p) && p.alias === undefined);
    if (users.length === 0) return;
    for (const ours of providers.filter((p) => addedByLibrary.has(p))) node.node.tryRemoveChild(ours.node.id);
  }
}

/**
 * Adds a default provider block unless the stack has one for that provider already. The library
 * never writes credentials: the providers read them from the environment (see README, "Credentials").
 */
export function ensureProvider(
  scope: Construct,
  providerType: string,
  create: (stack: TerraformStack) => TerraformProvider,
): void {
  const stack = TerraformStack.of(scope);
  // Once a stack has a provider of this type it keeps one until synthesis (the aspect above only
  // runs then): remember that, rather than walking the whole tree again for every function.
  let ensured = ensuredProviders.get(stack);
  if (ensured?.has(providerType)) return;
  if (!ensured) ensuredProviders.set(stack, (ensured = new Set()));
  ensured.add(providerType);
  if (
    stack.node
      .findAll()
      .some((c) => c instanceof TerraformProvider && c.terraformResourceType === providerType)
  )
    return;
  addedByLibrary.add(create(stack));
  Aspects.of(stack).add(new DropRedundantDefaultProvider(providerType));
}
