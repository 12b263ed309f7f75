/**
 * The twin's "cloud": what the API holds between calls. Terraform launches the provider several
 * times per command (validate, plan, apply each start their own process), so the cloud lives in a
 * JSON file named by `SERVERLESS_CANARY_TWIN_CLOUD`; every call reads it, and a call that changes it
 * writes it back atomically (write to a temporary file, then rename) before answering.
 */
import * as fs from "fs";

export const TWIN_CLOUD_ENV = "SERVERLESS_CANARY_TWIN_CLOUD";

/** The whole account: one JSON document, one top-level key per provider, free-form below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CloudData = Record<string, any>;

export function readCloud(file: string | undefined): CloudData {
  if (!file || !fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, "utf8");
  return text.trim() === "" ? {} : (JSON.parse(text) as CloudData);
}

export function writeCloud(file: string | undefined, data: CloudData): void {
  if (!file) return;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data, null, 1));
  fs.renameSync(tmp, file);
}

/** Runs `fn` on the cloud as it is on disk now and persists what it changed. */
export function withCloud<T>(file: string | undefined, fn: (cloud: CloudData) => T): T {
  const cloud = readCloud(file);
  const before = JSON.stringify(cloud);
  const result = fn(cloud);
  if (JSON.stringify(cloud) !== before) writeCloud(file, cloud);
  return result;
}
