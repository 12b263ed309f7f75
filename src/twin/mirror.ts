/**
 * Installs the twin for Terraform without network: a filesystem mirror in unpacked layout
 * (`<mirror>/<host>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>`,
 * an executable shell launcher that execs node) and a CLI configuration file whose
 * `provider_installation` uses only that mirror. Point `TF_CLI_CONFIG_FILE` at it.
 */
import * as fs from "fs";
import * as path from "path";

export interface MirroredProvider {
  /** e.g. `aliyun`. */
  readonly namespace: string;
  /** e.g. `alicloud` (also the twin's provider key and schema file name). */
  readonly type: string;
  readonly version: string;
}

/** The provider versions the schema subsets were derived from (see schemas/ and the reference notes). */
export const TWIN_PROVIDERS: readonly MirroredProvider[] = [
  { namespace: "aliyun", type: "alicloud", version: "1.289.0" },
  { namespace: "tencentcloudstack", type: "tencentcloud", version: "1.83.25" },
];

export interface Mirror {
  readonly dir: string;
  /** The CLI config file (TF_CLI_CONFIG_FILE). */
  readonly cliConfig: string;
}

function platform(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch === "arm64" ? "arm64" : process.arch;
  return `${process.platform === "win32" ? "windows" : process.platform}_${arch}`;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Writes the mirror under `dir` for `entry` (a JavaScript file that serves the twin for the
 * provider named in its first argument). Idempotent; rewrites a launcher only when it changed.
 */
export function writeMirror(
  dir: string,
  entry: string,
  env: Record<string, string> = {},
  providers = TWIN_PROVIDERS,
): Mirror {
  const envPrefix = Object.entries(env)
    .map(([k, v]) => `${k}=${shellQuote(v)} `)
    .join("");
  const host = "registry.terraform.io";
  for (const p of providers) {
    const folder = path.join(dir, "mirror", host, p.namespace, p.type, p.version, platform());
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `terraform-provider-${p.type}_v${p.version}`);
    const script = `#!/bin/sh\n# serverless-canary provider twin for ${p.namespace}/${p.type} ${p.version} (not the real provider)\n${envPrefix}exec ${shellQuote(process.execPath)} ${shellQuote(entry)} ${p.type} "$@"\n`;
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== script) fs.writeFileSync(file, script);
    fs.chmodSync(file, 0o755);
  }
  const cliConfig = path.join(dir, "terraformrc");
  const mirrorDir = path.join(dir, "mirror");
  fs.writeFileSync(
    cliConfig,
    [
      "# Written by serverless-canary rehearse: providers come from the twin's mirror only.",
      "provider_installation {",
      `  filesystem_mirror {`,
      `    path    = ${JSON.stringify(mirrorDir)}`,
      `    include = [${providers.map((p) => JSON.stringify(`${host}/${p.namespace}/${p.type}`)).join(", ")}]`,
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  return { dir: mirrorDir, cliConfig };
}
