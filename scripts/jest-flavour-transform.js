/**
 * Jest transform for a flavour's project: ts-jest, with the framework seam (src/cdktf.ts) rewritten
 * for the flavour exactly as scripts/build-flavours.ts rewrites it (scripts/seam.js).
 */
"use strict";
const { createTransformer } = require("ts-jest").default;
const { isSeam, seamFor } = require("./seam");

module.exports = {
  createTransformer({ flavour, tsJest }) {
    const inner = createTransformer(tsJest);
    const rewrite = (source, file) => (isSeam(file) ? seamFor(source, flavour) : source);
    return {
      canInstrument: inner.canInstrument,
      process: (source, file, options) => inner.process(rewrite(source, file), file, options),
      processAsync: (source, file, options) => inner.processAsync(rewrite(source, file), file, options),
      getCacheKey: (source, file, options) =>
        `${flavour}:${inner.getCacheKey(rewrite(source, file), file, options)}`,
      getCacheKeyAsync: async (source, file, options) =>
        `${flavour}:${await inner.getCacheKeyAsync(rewrite(source, file), file, options)}`,
    };
  },
};
