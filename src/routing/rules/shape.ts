import { diag, Diagnostic } from "../diagnostics";
import { PLATFORMS } from "../types";
import { isRecord, RoutingRule } from "./rule";

/**
 * V0 (library): the model has the documented shape. When it fails the other rules are not run,
 * so a malformed model yields one clear diagnostic instead of a cascade.
 */
export const V0_ModelShape: RoutingRule = {
  id: "V0",
  platforms: PLATFORMS,
  codes: ["InvalidArgument"],
  summary:
    "The model is an object with a known platform, a publishedVersions array of strings and an aliases array of objects",
  check({ model }) {
    const out: Diagnostic[] = [];
    const bad = (path: string, value: unknown, allowed: string, problem: string) =>
      out.push(diag({ rule: "V0", code: "InvalidArgument", path, value, allowed, problem }));
    if (!isRecord(model)) {
      bad("model", model, "an object { platform, publishedVersions, aliases }", "model is not an object");
      return out;
    }
    if (!PLATFORMS.includes(model.platform)) {
      bad("platform", model.platform, PLATFORMS.join(", "), "unknown platform");
    }
    const versions: unknown = model.publishedVersions;
    if (!Array.isArray(versions) || versions.some((v) => typeof v !== "string")) {
      bad(
        "publishedVersions",
        versions,
        "an array of version id strings",
        "publishedVersions is not an array of strings",
      );
    }
    const aliases: unknown = model.aliases;
    if (!Array.isArray(aliases)) {
      bad("aliases", aliases, "an array of alias objects", "aliases is not an array");
    } else {
      aliases.forEach((a, i) => {
        if (!isRecord(a)) bad(`aliases[${i}]`, a, "an alias object", "alias is not an object");
      });
    }
    return out;
  },
};
