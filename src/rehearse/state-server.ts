/**
 * The rehearsal's Terraform state, kept by the rehearsal process and served to Terraform over its
 * standard `http` backend (one address per stack, `http://127.0.0.1:<port>/state/<stack>`).
 *
 * Why not the `local` backend: Terraform 1.11 calls the state manager's `WriteState` after every
 * resource it applies (`internal/terraform/node_resource_apply_instance.go:380` → `updateStateHook`
 * → `internal/backend/local/hook_state.go:55`), and the local backend's `statemgr.Filesystem.WriteState`
 * (`internal/states/statemgr/filesystem.go:126-226`) rewrites the whole file each time: two deep copies,
 * `StatesMarshalEqual` (two JSON encodings), a third encoding, the write and an fsync. That is
 * quadratic in the resources of one stack (1,600 resources: 70 s of Terraform CPU in apply). With a
 * remote backend `WriteState` only keeps a deep copy (`internal/states/remote/state.go:85-95`) and
 * `PersistState` uploads the state every TF_STATE_PERSIST_INTERVAL seconds (at least 20,
 * `internal/command/meta.go:749`) and once at the end of the command, also after a failed apply
 * (`statemgr.WriteAndPersist`, `internal/backend/local/backend_apply.go:433`). Plans, state contents and every check of the rehearsal
 * are the same; only where Terraform keeps the state differs.
 *
 * The http backend's protocol (`internal/backend/remote-state/http/client.go`): GET returns the
 * state (404 or an empty body: none yet), POST stores it, DELETE removes it; no locking is
 * configured (the rehearsal runs each command with `-lock=false`).
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";

export class StateServer {
  private readonly states = new Map<string, Buffer>();
  private server: http.Server | undefined;
  private port = 0;
  /** POST requests received (the number of snapshots Terraform persisted). */
  posts = 0;

  /**
   * @param mirror called with a stack's key and the state Terraform persisted (e.g. to keep a copy on disk).
   */
  constructor(private readonly mirror?: (key: string, body: Buffer) => void) {}

  async start(): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    server.unref();
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** The `address` of the http backend for `key` (a stack). */
  address(key: string): string {
    if (!this.server) throw new Error("the rehearsal's state server is not started");
    return `http://127.0.0.1:${this.port}/state/${encodeURIComponent(key)}`;
  }

  /** The state last persisted for `key`, parsed; undefined when none. */
  state<T = unknown>(key: string): T | undefined {
    const body = this.states.get(key);
    return body && body.length > 0 ? (JSON.parse(body.toString("utf8")) as T) : undefined;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const m = /^\/state\/([^/?]+)$/.exec(req.url ?? "");
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const key = decodeURIComponent(m[1]);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "GET") {
        const body = this.states.get(key);
        if (body) res.writeHead(200, { "Content-Type": "application/json" }).end(body);
        else res.writeHead(404).end();
      } else if (req.method === "POST") {
        const body = Buffer.concat(chunks);
        this.states.set(key, body);
        this.posts++;
        this.mirror?.(key, body);
        res.writeHead(200).end();
      } else if (req.method === "DELETE") {
        this.states.delete(key);
        res.writeHead(200).end();
      } else res.writeHead(405).end();
    });
  }
}

/** Writes the state to `file` (for a kept working folder); errors are not the rehearsal's concern. */
export function writeStateCopy(file: string, body: Buffer): void {
  try {
    fs.writeFileSync(file, body);
  } catch {
    /* a copy for people, not for the rehearsal */
  }
}
