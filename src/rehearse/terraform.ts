/**
 * Running the real Terraform CLI for a rehearsal: finding it, and running one command in a
 * working directory with the twin installed (TF_CLI_CONFIG_FILE) and its cloud file named.
 */
import { spawn, spawnSync } from "child_process";

export const TERRAFORM_MIN = [1, 5] as const;

export const TERRAFORM_INSTALL_HINT =
  "Terraform >= 1.5 is required on PATH for rehearsals: install it from https://developer.hashicorp.com/terraform/install (or set TERRAFORM=/path/to/terraform)";

export class TerraformMissingError extends Error {
  constructor(detail: string) {
    super(`${TERRAFORM_INSTALL_HINT} (${detail})`);
  }
}

/** The Terraform binary (`$TERRAFORM` or `terraform` on PATH) and its version; throws when missing or too old. */
export function findTerraform(binary = process.env.TERRAFORM || "terraform"): {
  binary: string;
  version: string;
} {
  const r = spawnSync(binary, ["version", "-json"], {
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (r.error || r.status !== 0)
    throw new TerraformMissingError(r.error ? r.error.message : `${binary} version failed`);
  let version = "";
  try {
    version = JSON.parse(r.stdout).terraform_version;
  } catch {
    version = /v(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1] ?? "";
  }
  const [major, minor] = version.split(".").map(Number);
  if (!(major > TERRAFORM_MIN[0] || (major === TERRAFORM_MIN[0] && minor >= TERRAFORM_MIN[1])))
    throw new TerraformMissingError(`found ${binary} ${version || "of unknown version"}`);
  return { binary, version };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runTerraform(
  binary: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd,
      env: {
        ...process.env,
        ...env,
        TF_IN_AUTOMATION: "1",
        TF_INPUT: "0",
        CHECKPOINT_DISABLE: "1",
        TF_LOG: "",
        TF_WORKSPACE: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}

/** Terraform's error blocks ("Error: …" and the box lines after it), one string each. */
export function terraformErrors(text: string): string[] {
  const out: string[] = [];
  let block: string[] | undefined;
  for (const raw of text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "").split("\n")) {
    const line = raw.replace(/^[│╷]\s?/, "").trim();
    const boxed = /^[│╷]/.test(raw);
    const start = /^Error: /.exec(line);
    if (start) {
      if (block) out.push(block.join(" "));
      block = [line.slice("Error: ".length)];
    } else if (block && (boxed || (line !== "" && !/^╵/.test(raw)))) {
      // Leave out where Terraform points in the JSON ("with <address>,", "on cdk.tf.json line N", the source line).
      if (line !== "" && !/^(with \S+,|on \S+ line \d+|\d+: |├|│)/.test(line)) block.push(line);
      if (!boxed && !/^\s/.test(raw)) {
        out.push(block.join(" "));
        block = undefined;
      }
    } else if (block && (/^╵/.test(raw) || line === "")) {
      if (/^╵/.test(raw)) {
        out.push(block.join(" "));
        block = undefined;
      }
    }
  }
  if (block) out.push(block.join(" "));
  return out.map((e) => e.replace(/\s+/g, " ").slice(0, 600));
}
