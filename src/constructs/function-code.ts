import { FunctionCodeSource } from "../clouds/code";

export type { FunctionCodeSource } from "../clouds/code";

export class FunctionCode {
  /**
   * A zip file built before synthesis, e.g. `FunctionCode.fromLocalZip("dist/orders.zip")`.
   *
   * The zip is copied into the synthesized stack as a cdktf `TerraformAsset`
   * (`cdktf.out/stacks/<stack>/assets/<id>/<content hash>/orders.zip`), and the resource gets that path,
   * relative to the stack folder Terraform runs in: SCF `zip_file`, FC 3.0 `code.zip_file =
   * filebase64(path)`, FC 2.0 `filename`. The content hash in the path matters on SCF, whose provider uploads
   * `zip_file` only when the path string changes: new code is a new path, without renaming the file.
   *
   * A relative path is resolved as TerraformAsset resolves it: from the folder of your `cdktf.json` (where
   * `cdktf synth` runs the app), or from the working directory when there is none. A file that does not exist
   * at synthesis is a `ReleaseValidationError` naming the function and the path.
   */
  static fromLocalZip(path: string): FunctionCode {
    return new FunctionCode({ kind: "localZip", path });
  }

  /**
   * An object in OSS (Alibaba) or COS (Tencent). The providers re-deploy only when the bucket or key
   * changes: put a content hash in the key (e.g. `orders/3f2a9c.zip`).
   */
  static fromBucket(bucket: string, key: string, options: { readonly region?: string } = {}): FunctionCode {
    return new FunctionCode({ kind: "bucket", bucket, key, region: options.region });
  }

  /** A base64-encoded zip (FC 3.0 `code.zip_file`). */
  static fromInlineZip(base64: string): FunctionCode {
    return new FunctionCode({ kind: "inlineZip", base64 });
  }

  private constructor(public readonly source: FunctionCodeSource) {}
}
