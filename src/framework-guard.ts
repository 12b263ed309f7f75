/**
 * Refuses to load one flavour of this library into an app of the other framework.
 *
 * cdktf and its fork cdktn share the `Symbol.for("cdktf/…")` markers, so a construct of one is found
 * by the other's `TerraformStack.of`, but `instanceof` against the other's classes and the aspects
 * (a module-local symbol) are not shared: mixed, an app crashes deep in synthesis or — worse —
 * synthesizes silently wrong Terraform (the library's default provider block next to the user's).
 * So the check runs once, when the library is imported, before the framework is loaded, and throws
 * an error that names the right package.
 */
import * as fs from "fs";
import * as path from "path";

/** The frameworks, and the npm package of this library for each. */
export const FLAVOUR_PACKAGES = {
  cdktf: "cdktf-serverless-canary",
  cdktn: "cdktn-serverless-canary",
} as const;

export type Framework = keyof typeof FLAVOUR_PACKAGES;

/** Set to `1` to skip the check (not recommended: see the README, "Install"). */
export const SKIP_ENV = "SERVERLESS_CANARY_SKIP_FRAMEWORK_CHECK";

/** What the check looks at; `probeEnvironment` gives the real ones. */
export interface FrameworkProbe {
  /** Paths of the modules loaded in this process (`require.cache`). */
  readonly loadedModules: readonly string[];
  /** Where to look for the app's package.json: the main module's folder and the working directory. */
  readonly appDirs: readonly string[];
  /** Whether a package resolves from this library. */
  readonly resolves: (name: string) => boolean;
}

function otherOf(framework: Framework): Framework {
  return framework === "cdktf" ? "cdktn" : "cdktf";
}

/** The nearest package.json at or above `dir`, parsed, with its path. */
function nearestManifest(dir: string): { file: string; deps: Set<string> } | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, "package.json");
    if (fs.existsSync(file)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as Record<
          string,
          Record<string, string> | undefined
        >;
        const deps = new Set<string>();
        for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"])
          for (const name of Object.keys(pkg[field] ?? {})) deps.add(name);
        return { file, deps };
      } catch {
        return undefined;
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * Why this library, built for `framework`, is in the wrong app — or `undefined` when it is not.
 * Cheap: one scan of the loaded module paths, at most two package.json reads, two resolutions.
 */
export function frameworkMismatch(framework: Framework, probe: FrameworkProbe): string | undefined {
  const other = otherOf(framework);
  const marker = `${path.sep}node_modules${path.sep}${other}${path.sep}`;
  const loaded = probe.loadedModules.find((m) => m.includes(marker));
  if (loaded) return `${other} is loaded in this process (${loaded})`;
  for (const dir of probe.appDirs) {
    const manifest = nearestManifest(dir);
    if (manifest && manifest.deps.has(other) && !manifest.deps.has(framework))
      return `the app's ${manifest.file} depends on ${other}, not ${framework}`;
  }
  if (!probe.resolves(framework) && probe.resolves(other))
    return `${framework} is not installed, ${other} is`;
  return undefined;
}

/** The error message: what this package is for, and which package to use instead. */
export function frameworkMismatchMessage(framework: Framework, reason: string): string {
  const other = otherOf(framework);
  return (
    `${FLAVOUR_PACKAGES[framework]}: this package is for ${framework}; use ${FLAVOUR_PACKAGES[other]} for ${other} ` +
    `(${reason}). Both are the same library, built for each framework; see the README, "Install".`
  );
}

/** The probe for this process. */
export function probeEnvironment(): FrameworkProbe {
  // The main module, unless it is a tool's (a test runner's worker, a TypeScript runner).
  const main = require.main?.filename;
  const mainDir =
    main && !main.includes(`${path.sep}node_modules${path.sep}`) ? path.dirname(main) : undefined;
  return {
    loadedModules: Object.keys(require.cache ?? {}),
    appDirs: [...new Set([mainDir, process.cwd()].filter((d): d is string => d !== undefined))],
    resolves: (name) => {
      try {
        require.resolve(name);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Throws when this library, built for `framework`, is imported into an app of the other framework. */
export function assertFramework(framework: Framework, probe: FrameworkProbe = probeEnvironment()): void {
  if (process.env[SKIP_ENV] === "1") return;
  const reason = frameworkMismatch(framework, probe);
  if (reason) throw new Error(frameworkMismatchMessage(framework, reason));
}
