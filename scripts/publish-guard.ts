/**
 * The `prepublishOnly` guard (#13 item 16): refuses to publish while the manifest lacks `repository`, `homepage`
 * or `bugs`. The project has no public home yet, so those fields are left out rather than filled with a guessed
 * URL; they are filled in when it gets one (README, "Releasing"). Not shipped (`scripts/` is not in `files`).
 *
 *   npm publish                      # in the checkout: npm runs this first (prepublishOnly)
 *   npx tsx scripts/publish-guard.ts # the same check by hand, e.g. before `npm publish dist/<tarball>`,
 *                                    # which runs no lifecycle script (npm runs them for folder publishes only)
 *
 * Checks the manifest npm is publishing (`npm_package_json`, else ./package.json) and the staged packages'
 * manifests in build/<flavour>/package/ when they exist (what the tarballs carry). Exit 1 with one line on
 * stderr when any of them misses a field; exit 0 otherwise.
 */
import * as fs from "fs";
import * as path from "path";

/** The fields a published manifest must have. */
export const REQUIRED_FIELDS = ["repository", "homepage", "bugs"] as const;

const nonEmpty = (v: unknown): boolean => typeof v === "string" && v.trim() !== "";

/** Whether a field holds a usable value: a non-empty string, or an object with a non-empty `url` (bugs: or `email`). */
function present(field: (typeof REQUIRED_FIELDS)[number], value: unknown): boolean {
  if (nonEmpty(value)) return true;
  if (field === "homepage" || typeof value !== "object" || value === null) return false;
  const o = value as { url?: unknown; email?: unknown };
  return nonEmpty(o.url) || (field === "bugs" && nonEmpty(o.email));
}

/** The required fields a manifest misses, in REQUIRED_FIELDS order. */
export function missingFields(manifest: Record<string, unknown>): string[] {
  return REQUIRED_FIELDS.filter((f) => !present(f, manifest[f]));
}

/** The one-line refusal: the first manifest that misses fields, and the others that miss some too. */
export function refusal(
  name: string,
  file: string,
  missing: readonly string[],
  others: readonly string[] = [],
): string {
  const also = others.length > 0 ? ` (also ${others.join(", ")})` : "";
  return (
    `publish-guard: refusing to publish ${name}: ${file} has no ${missing.join(", ")}${also}; ` +
    `fill them in when the project has its public home (README, "Releasing")`
  );
}

/** The manifests to check: the one being published, then the staged packages' (build/<flavour>/package). */
export function manifestsToCheck(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const own = env.npm_package_json || path.join(cwd, "package.json");
  const build = path.join(path.dirname(own), "build");
  const staged = fs.existsSync(build)
    ? fs
        .readdirSync(build)
        .map((f) => path.join(build, f, "package", "package.json"))
        .filter((f) => fs.existsSync(f))
        .sort()
    : [];
  return [own, ...staged];
}

/** Runs the check; returns the exit code and writes one line when a manifest misses a field. */
export function guard(files: readonly string[], write: (line: string) => void): number {
  const refused = files
    .map((file) => {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
      const shown = path.relative(process.cwd(), file) || file;
      return { name: String(manifest.name ?? "this package"), shown, missing: missingFields(manifest) };
    })
    .filter((m) => m.missing.length > 0);
  if (refused.length === 0) return 0;
  const [first, ...others] = refused;
  write(
    refusal(
      first.name,
      first.shown,
      first.missing,
      others.map((o) => o.shown),
    ),
  );
  return 1;
}

if (require.main === module) {
  process.exitCode = guard(manifestsToCheck(process.env, process.cwd()), (line) =>
    process.stderr.write(`${line}\n`),
  );
}
