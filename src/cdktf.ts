/**
 * The one place the library imports cdktf. cdktf is archived upstream; its API-identical fork
 * `cdktn` can replace it by changing this module (and regenerating the bindings).
 */
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
