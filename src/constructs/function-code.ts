/** Where a function's code comes from, in cloud-neutral terms; each cloud adapter maps it. */
export type FunctionCodeSource =
  | { readonly kind: "localZip"; readonly path: string }
  | { readonly kind: "bucket"; readonly bucket: string; readonly key: string; readonly region?: string }
  | { readonly kind: "inlineZip"; readonly base64: string };

export class FunctionCode {
  /**
   * A zip file next to your app. SCF sends `zip_file` only when the path string changes, so put a
   * content hash in the file name (e.g. `dist/orders-3f2a9c.zip`). Use a relative path: synthesized
   * output should not contain machine paths.
   */
  static fromLocalZip(path: string): FunctionCode {
    return new FunctionCode({ kind: "localZip", path });
  }

  /** An object in OSS (Alibaba) or COS (Tencent). */
  static fromBucket(bucket: string, key: string, options: { readonly region?: string } = {}): FunctionCode {
    return new FunctionCode({ kind: "bucket", bucket, key, region: options.region });
  }

  /** A base64-encoded zip (FC 3.0 `code.zip_file`). */
  static fromInlineZip(base64: string): FunctionCode {
    return new FunctionCode({ kind: "inlineZip", base64 });
  }

  private constructor(public readonly source: FunctionCodeSource) {}
}
