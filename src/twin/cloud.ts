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

/** Each provider keeps its part of the account in its own file next to the base path: `<base>.<provider>.json`. */
export function providerCloudFile(base: string, provider: string): string {
  return `${base.replace(/\.json$/, "")}.${provider}.json`;
}

/** The whole account as the rehearsal reads it: provider → that provider's cloud. */
export function readAccount(base: string, providers: readonly string[]): CloudData {
  const out: CloudData = {};
  for (const p of providers) {
    const file = providerCloudFile(base, p);
    if (fs.existsSync(file)) out[p] = readCloud(file);
  }
  return out;
}

/**
 * One provider process's view of its cloud: read once at start, kept in memory, and written back
 * when Terraform stops the provider (StopProvider, GRPCController/Shutdown) and at process exit, so
 * the next launch sees it. Terraform starts the next command's providers only after this one's have
 * exited, and within one command only the apply's provider changes the cloud, so nothing reads the
 * file in between. (A write one second after each change, as before, re-encoded the whole cloud every
 * second of an apply: O(cloud) per second of a command whose length grows with the cloud.) `delayMs`
 * adds such a periodic write-back. A change must be complete when a call returns: the models validate
 * before they mutate, as an API refuses a request as a whole.
 */
export class CloudCache {
  private data: CloudData | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  /** How many times the cloud was written (for tests). */
  writes = 0;

  constructor(
    readonly file: string | undefined,
    private readonly delayMs?: number,
  ) {}

  get(): CloudData {
    return (this.data ??= readCloud(this.file));
  }

  markDirty(): void {
    this.dirty = true;
    if (this.delayMs !== undefined && this.timer === undefined && this.file) {
      this.timer = setTimeout(() => this.flush(), this.delayMs);
      this.timer.unref?.();
    }
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty && this.data) {
      writeCloud(this.file, this.data);
      this.writes++;
    }
    this.dirty = false;
  }
}
