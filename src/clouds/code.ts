/**
 * Where a function's code comes from, in cloud-neutral terms; each cloud adapter maps it. Shared by
 * the constructs (`FunctionCode`) and the cloud adapters (`FunctionSpec.code`), so it lives here,
 * below both. Pure: no cdktf import.
 *
 * `localZip.path` is what the user gave to `FunctionCode.fromLocalZip`; what the cloud adapters receive
 * (`FunctionSpec.code`) is the asset's path, relative to the stack folder Terraform runs in.
 */
export type FunctionCodeSource =
  | { readonly kind: "localZip"; readonly path: string }
  | { readonly kind: "bucket"; readonly bucket: string; readonly key: string; readonly region?: string }
  | { readonly kind: "inlineZip"; readonly base64: string };
