/**
 * The Node.js versions the built packages are tested on besides the one running the suite. The
 * binaries come from the npm registry (the `node-<platform>-<arch>` packages that the `node` package
 * installs from), into .cache/node-<version>/ — not as devDependencies, whose `node` bin would
 * replace the machine's Node for every npm script.
 *
 *   npx tsx scripts/node-versions.ts   # install them (the package tests do it when missing)
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./flavours";

/** Node 22 LTS, at least 22.19 (what the cdktn CLI needs). */
export const EXTRA_NODE_VERSIONS = ["22.23.5"] as const;

function platformPackage(version: string): string {
  return `node-${process.platform}-${process.arch}@${version}`;
}

/** The path of that Node's binary, installing it first when it is not there. */
export function ensureNode(version: string): string {
  const prefix = path.join(ROOT, ".cache", `node-${version}`);
  const name = `node-${process.platform}-${process.arch}`;
  const bin = path.join(
    prefix,
    "node_modules",
    name,
    "bin",
    process.platform === "win32" ? "node.exe" : "node",
  );
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(prefix, { recursive: true });
    const args = ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund"];
    const npmCli = process.env.npm_execpath;
    if (npmCli && npmCli.endsWith(".js"))
      execFileSync(process.execPath, [npmCli, ...args, platformPackage(version)], { stdio: "pipe" });
    else execFileSync("npm", [...args, platformPackage(version)], { stdio: "pipe" });
  }
  const actual = execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
  if (actual !== `v${version}`) throw new Error(`${bin} is ${actual}, expected v${version}`);
  return bin;
}

if (require.main === module) {
  for (const v of EXTRA_NODE_VERSIONS) console.log(`node ${v}: ${ensureNode(v)}`);
}
