/**
 * The cdktn project keeps its own snapshots (`__snapshots__/cdktn/` beside each test): the frameworks' output
 * differs in places a user can see (cdktn hashes a local asset differently, so its path differs).
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
