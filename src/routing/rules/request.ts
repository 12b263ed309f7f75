/** Rules on simulated requests and entry points: V21 (RoutingKey) and V22 (qualifier). */
import { diag, Diagnostic } from "../diagnostics";
import { FunctionModel, SCF_DEFAULT_ALIAS, latestQualifier } from "../types";
import { aliasesOf, isRecord, listOf, ownerLabel, publishedSet, RoutingRule } from "./rule";

export const ROUTING_KEY_MAX_BYTES = 1024;

/**
 * V21: parses an SCF RoutingKey, a JSON object of string → string of at most 1024 bytes.
 * Returns the map, or a diagnostic with code InvalidParameterValue.Param.
 */
export function parseRoutingKey(
  raw: unknown,
  path = "request.routingKey",
): { ok: true; value: Record<string, string> } | { ok: false; diagnostic: Diagnostic } {
  const bad = (problem: string, value: unknown = raw) => ({
    ok: false as const,
    diagnostic: diag({
      rule: "V21",
      code: "InvalidParameterValue.Param",
      path,
      value,
      allowed: `a JSON object of string values of at most ${ROUTING_KEY_MAX_BYTES} bytes, e.g. {"User":"Bob"}`,
      problem,
    }),
  });
  if (typeof raw !== "string") return bad("RoutingKey is not a string");
  if (Buffer.byteLength(raw, "utf8") > ROUTING_KEY_MAX_BYTES) {
    return bad(
      `RoutingKey longer than ${ROUTING_KEY_MAX_BYTES} bytes`,
      `${Buffer.byteLength(raw, "utf8")} bytes`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return bad("RoutingKey is not valid JSON");
  }
  if (!isRecord(parsed)) return bad("RoutingKey is not a JSON object");
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== "string") return bad(`RoutingKey value of ${JSON.stringify(k)} is not a string`);
    out[k] = v;
  }
  return { ok: true, value: out };
}

/** The qualifiers a model accepts: LATEST/$LATEST, published versions, aliases (and $DEFAULT on SCF). */
export function knownQualifiers(model: FunctionModel): Set<string> {
  const known = new Set<string>([latestQualifier(model.platform), ...publishedSet(model)]);
  for (const a of aliasesOf(model)) if (typeof a.name === "string") known.add(a.name);
  if (model.platform === "scf") known.add(SCF_DEFAULT_ALIAS);
  return known;
}

/** V22: the diagnostic for a qualifier that names no version or alias. */
export function unknownQualifier(model: FunctionModel, qualifier: unknown, path: string): Diagnostic {
  const allowed = listOf(knownQualifiers(model));
  if (model.platform === "scf") {
    return diag({
      rule: "V22",
      code: "InvalidParameterValue.Qualifier",
      path,
      value: qualifier,
      allowed,
      problem: `qualifier names no version or alias of ${ownerLabel(model)}`,
    });
  }
  const looksLikeVersion = typeof qualifier === "string" && /^[0-9]+$/.test(qualifier);
  return diag({
    rule: "V22",
    code: looksLikeVersion ? "VersionNotFound" : "AliasNotFound",
    httpStatus: 404,
    path,
    value: qualifier,
    allowed,
    problem: looksLikeVersion
      ? `version '${qualifier}' of ${ownerLabel(model)} does not exist`
      : `alias ${String(qualifier)} of ${ownerLabel(model)} does not exist`,
  });
}

export const V22_EntryPointQualifier: RoutingRule = {
  id: "V22",
  platforms: ["fc2", "fc3", "scf"],
  codes: ["InvalidParameterValue.Qualifier", "AliasNotFound", "VersionNotFound"],
  summary: "every entry point (stage, trigger) and simulated request names a known version or alias",
  check: (ctx) => {
    const entries = (ctx.model as { entryPoints?: unknown }).entryPoints;
    if (!Array.isArray(entries)) return [];
    const known = knownQualifiers(ctx.model);
    const out: Diagnostic[] = [];
    entries.forEach((e: unknown, i) => {
      const q = isRecord(e) ? e.qualifier : e;
      if (ctx.isUnresolved(q)) return;
      if (typeof q !== "string" || !known.has(q)) {
        const name = isRecord(e) && typeof e.name === "string" ? e.name : String(i);
        out.push(unknownQualifier(ctx.model, q, `entryPoints[${name}].qualifier`));
      }
    });
    return out;
  },
};
