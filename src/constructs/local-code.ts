/**
 * Local code as a cdktf TerraformAsset (not exported from the package): Terraform runs in
 * `cdktf.out/stacks/<stack>/`, and every target opens the code path from there.
 */
import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { AssetType, TerraformAsset, Token } from "../cdktf";
import { show } from "../routing";
import { ReleaseValidationError } from "./errors";
import { FunctionCodeSource } from "./function-code";

/** The folder relative code paths start from: TerraformAsset's rule (the cdktf.json folder), else the cwd. */
function codeBase(scope: Construct): string {
  const configured: unknown = scope.node.tryGetContext("cdktfJsonPath");
  if (typeof configured === "string" && configured !== "") return path.dirname(configured);
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Turns a local zip into a `TerraformAsset` under `scope` (construct id `Code`) and returns the
 * source the adapters get: the asset's path, relative to the stack folder. Other sources pass through.
 */
export function stageLocalCode(scope: Construct, source: FunctionCodeSource): FunctionCodeSource {
  if (source.kind !== "localZip") return source;
  const given: unknown = source.path;
  if (typeof given !== "string" || given.trim() === "" || Token.isUnresolved(given)) {
    throw new ReleaseValidationError(
      scope.node.path,
      `invalid local zip path ${show(given)}; allowed: the path of an existing .zip file, absolute or relative ` +
        `to the folder of cdktf.json, known at synth time`,
    );
  }
  const base = codeBase(scope);
  const resolved = path.resolve(base, given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new ReleaseValidationError(
      scope.node.path,
      `local zip ${JSON.stringify(given)} not found (looked for ${resolved}); allowed: an existing .zip file, ` +
        `absolute or relative to ${base} (the folder of cdktf.json): build it before synthesis`,
    );
  }
  if (!stat.isFile()) {
    throw new ReleaseValidationError(
      scope.node.path,
      `local zip ${JSON.stringify(given)} is a directory; allowed: an existing .zip file (zip the folder first)`,
    );
  }
  // An absolute source: the asset then never depends on how cdktf finds cdktf.json. The source path is not
  // written to the synthesized JSON, only the asset's stack-relative copy.
  const asset = new TerraformAsset(scope, "Code", { path: resolved, type: AssetType.FILE });
  return { kind: "localZip", path: asset.path };
}
