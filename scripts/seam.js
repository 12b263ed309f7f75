/**
 * The one source transform between the flavours: the framework seam `src/cdktf.ts` names its
 * framework as the string literal "cdktf" (the module it imports, and FRAMEWORK); the cdktn flavour
 * has "cdktn" there. Used by scripts/build-flavours.ts and by the cdktn Jest project's transform, so
 * the suite runs the module the cdktn package ships.
 */
"use strict";
const path = require("path");

const SEAM = path.join("src", "cdktf.ts");

/** Whether `file` is the seam (the sources' src/cdktf.ts, or a staged copy's). */
function isSeam(file) {
  return file.endsWith(path.sep + SEAM);
}

/** The seam's source for `framework`. */
function seamFor(source, framework) {
  const literal = '"cdktf"';
  const count = source.split(literal).length - 1;
  if (count < 3)
    throw new Error(
      `src/cdktf.ts: expected the framework literal ${literal} at least 3 times, found ${count}`,
    );
  if (framework === "cdktf") return source;
  const out = source.split(literal).join(`"${framework}"`);
  if (/from\s+["']cdktf["']|require\(["']cdktf["']\)/.test(out))
    throw new Error("src/cdktf.ts: an import of cdktf survived");
  return out;
}

module.exports = { SEAM, isSeam, seamFor };
