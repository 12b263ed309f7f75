/**
 * The two flavours built from the one `src/`: the same library for cdktf 0.21 and for its fork cdktn
 * 0.24. Everything that differs between them is here; `gen-bindings.ts`, `build-flavours.ts`,
 * `jest.config.js` (through `flavours.json`) and the tests read it.
 */
import * as path from "node:path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const data = require("./flavours.json") as Record<FlavourId, FlavourData>;

export type FlavourId = "cdktf" | "cdktn";

interface FlavourData {
  /** npm package name of this flavour */
  readonly packageName: string;
  /** the framework package (`import … from "<framework>"`) */
  readonly framework: FlavourId;
  /** the provider generator for this framework, and the commons package it ships with */
  readonly generator: string;
  readonly commons: string;
  /** where this flavour's generated bindings go, relative to the repository root */
  readonly genDir: string;
  /** peer dependency ranges: the lower bound is the version the suite runs against */
  readonly peerDependencies: Readonly<Record<string, string>>;
  /** one line for the package description / README */
  readonly frameworkLabel: string;
}

export interface Flavour extends FlavourData {
  readonly id: FlavourId;
  /** the other flavour: the one to suggest when this one is imported into the wrong app */
  readonly other: FlavourId;
}

export const ROOT = path.resolve(__dirname, "..");

export const FLAVOURS: readonly Flavour[] = (Object.keys(data) as FlavourId[]).map((id) => ({
  id,
  other: id === "cdktf" ? "cdktn" : "cdktf",
  ...data[id],
}));

export function flavour(id: string): Flavour {
  const f = FLAVOURS.find((x) => x.id === id);
  if (!f) throw new Error(`unknown flavour "${id}" (known: ${FLAVOURS.map((x) => x.id).join(", ")})`);
  return f;
}

/** `--flavour cdktn` / `--flavour=cdktn` on the command line, or every flavour. */
export function flavoursFromArgv(argv: readonly string[]): readonly Flavour[] {
  const i = argv.findIndex((a) => a === "--flavour" || a.startsWith("--flavour="));
  if (i < 0) return FLAVOURS;
  const value = argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  return value.split(",").map(flavour);
}
