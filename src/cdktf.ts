/**
 * The one place the library imports its framework. The same sources build two packages
 * (`npm run build`, scripts/build-flavours.ts): `cdktf-serverless-canary` for cdktf 0.21 as written
 * here, and `cdktn-serverless-canary` for cdktn 0.24, its maintained fork, for which the build
 * replaces the quoted framework name in this module with cdktn's (scripts/seam.js) and puts the
 * cdktn-generated bindings in `.gen/`. Nothing else in `src/` names a framework.
 *
 * The framework check runs before the framework is loaded: imported into an app of the other
 * framework, the library throws one clear error instead of crashing in synthesis or synthesizing
 * wrong Terraform (see `framework-guard.ts`).
 */
import { assertFramework } from "./framework-guard";

/** The framework this build of the library is for. */
export const FRAMEWORK = "cdktf";

assertFramework(FRAMEWORK);

export {
  Annotations,
  Aspects,
  App,
  AssetType,
  Fn,
  Lazy,
  Op,
  TerraformAsset,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
  Tokenization,
} from "cdktf";
export type { ITerraformDependable } from "cdktf";
import type { TerraformResource } from "cdktf";

/**
 * Adds `deps` to `resource`'s `depends_on` after construction. Terraform wants plain `type.name`
 * addresses there ("A single static variable reference is required"); a resource's `fqn` is a
 * token that renders as `${type.name}`, so it cannot be pushed onto `dependsOn` as is.
 */
export function addDependsOn(resource: TerraformResource, ...deps: readonly TerraformResource[]): void {
  const addresses = deps.map((d) => `${d.terraformResourceType}.${d.friendlyUniqueId}`);
  resource.dependsOn = [...new Set([...(resource.dependsOn ?? []), ...addresses])];
}
