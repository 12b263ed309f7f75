/**
 * Mangled input never crashes the review: every fixture with values replaced at random paths
 * (seeded) is read, reviewed and rendered, or rejected with an InputError.
 */
import * as fs from "fs";
import {
  extract,
  InputError,
  parsePlan,
  renderMarkdown,
  renderText,
  review,
  reviewJson,
  terraformDoc,
  LoadedInput,
} from "../../src/review";
import { fixture } from "./fixtures";

const REPLACEMENTS: unknown[] = [
  null,
  0,
  1.5,
  -1,
  "",
  "x",
  "${a.b.c}",
  "${tencentcloud_scf_function_version.gone.function_version}",
  [],
  {},
  [{}],
  true,
  "9",
];

/** A small deterministic generator (LCG), so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function replaceAt(root: unknown, at: (string | number)[], next: unknown): unknown {
  if (at.length === 0) return next;
  const copy = JSON.parse(JSON.stringify(root));
  let cur = copy;
  for (const key of at.slice(0, -1)) {
    // An earlier replacement may have removed this path.
    if (cur === null || typeof cur !== "object") return root;
    cur = cur[key];
  }
  if (cur === null || typeof cur !== "object") return root;
  cur[at[at.length - 1]] = next;
  return copy;
}

function reviewAll(json: unknown, file: string): void {
  let input: LoadedInput;
  if (json && typeof json === "object" && "format_version" in json) {
    input = { kind: "plan", source: file, ...parsePlan(json, file) };
  } else {
    input = { kind: "synth", source: file, docs: [terraformDoc(json, file, "fuzz")] };
  }
  const result = review(input, input.kind === "synth" ? input : undefined);
  renderText(result);
  renderMarkdown(result);
  JSON.stringify(reviewJson(result));
  if (input.kind === "synth") extract(input.docs, file, "synth");
}

test.each([
  "scf-handwritten.tf.json",
  "fc3-handwritten.tf.json",
  "fc2-handwritten.tf.json",
  "release-create-before-destroy.tf.json",
  "plan-scf-replace.json",
  "plan-fc3-delete.json",
])("mangled %s: reviewed or rejected with an InputError", (name) => {
  const original = JSON.parse(fs.readFileSync(fixture(name), "utf8"));
  const all = paths(original);
  const next = rng(name.length * 7919);
  for (let i = 0; i < 300; i++) {
    let json: unknown = original;
    // One to three replacements per case.
    for (let k = 0; k <= next(3); k++)
      json = replaceAt(json, all[next(all.length)], REPLACEMENTS[next(REPLACEMENTS.length)]);
    try {
      reviewAll(json, name);
    } catch (e) {
      if (!(e instanceof InputError)) {
        throw new Error(`case ${i} of ${name} threw ${String(e)}\n${JSON.stringify(json).slice(0, 2000)}`);
      }
    }
  }
});
