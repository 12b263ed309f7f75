/**
 * The cdktn project keeps its own snapshots (`__snapshots__/cdktn/` beside each test): cdktn's
 * `Testing.app()` turns on its `canonicalAssetHashes` feature flag, so local asset paths differ.
 */
const path = require("path");

module.exports = {
  resolveSnapshotPath: (testPath, ext) =>
    path.join(path.dirname(testPath), "__snapshots__", "cdktn", path.basename(testPath) + ext),
  // A cdktf snapshot (not under cdktn/) resolves into __snapshots__/, which testPathIgnorePatterns
  // leaves out, so Jest does not report it obsolete.
  resolveTestPath: (snapshotPath, ext) =>
    path.basename(path.dirname(snapshotPath)) === "cdktn"
      ? path.join(path.dirname(path.dirname(path.dirname(snapshotPath))), path.basename(snapshotPath, ext))
      : path.join(path.dirname(snapshotPath), path.basename(snapshotPath, ext)),
  testPathForConsistencyCheck: path.join("some", "test", "example.test.ts"),
};
