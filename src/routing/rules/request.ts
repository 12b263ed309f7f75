/** Rules on simulated requests and entry points: V21 (RoutingKey) and V22 (qualifier). */
import { Diagnostic } from "../diagnostics";
import { FunctionModel, SCF_DEFAULT_ALIAS, latestQualifier } from "../types";
import { FC_HTTP_STATUS } from "./fc-alias";
import {
  aliasesOf,
  collect,
  defineRule,
  diagnosticOf,
  isRecord,
  listOf,
  ownerLabel,
  publishedSet,
  Report,
  RoutingRule,
  RuleSpec,
} from "./rule";

export const ROUTING_KEY_MAX_BYTES = 1024;

const v21 = diagnosticOf({ id: "V21", codes: ["InvalidParameterValue.Param"] });

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
    diagnostic: v21(
      path,
      value,
      `a JSON object of string values of at most ${ROUTING_KEY_MAX_BYTES} bytes, e.g. {"User":"Bob"}`,
      problem,
    ),
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

type V22Code = "InvalidParameterValue.Qualifier" | "AliasNotFound" | "VersionNotFound";

const V22: RuleSpec<V22Code> = {
  id: "V22",
  platforms: ["fc2", "fc3", "scf"],
  codes: ["InvalidParameterValue.Qualifier", "AliasNotFound", "VersionNotFound"],
  httpStatus: FC_HTTP_STATUS,
  summary: "every entry point (stage, trigger) and simulated request names a known version or alias",
};

/** V22 on a qualifier that names no version or alias, in the cloud's words. */
function reportUnknownQualifier(
  model: FunctionModel,
  qualifier: unknown,
  path: string,
  report: Report<V22Code>,
): void {
  const allowed = listOf(knownQualifiers(model));
  if (model.platform === "scf") {
    report(path, qualifier, allowed, `qualifier names no version or alias of ${ownerLabel(model)}`);
  } else if (typeof qualifier === "string" && /^[0-9]+$/.test(qualifier)) {
    report(path, qualifier, allowed, `version '${qualifier}' of ${ownerLabel(model)} does not exist`, {
      code: "VersionNotFound",
    });
  } else {
    report(path, qualifier, allowed, `alias ${String(qualifier)} of ${ownerLabel(model)} does not exist`, {
      code: "AliasNotFound",
    });
  }
}

/** V22: the diagnostic for a qualifier that names no version or alias. */
export function unknownQualifier(model: FunctionModel, qualifier: unknown, path: string): Diagnostic {
  return collect(V22, (report) => reportUnknownQualifier(model, qualifier, path, report))[0];
}

export const V22_EntryPointQualifier: RoutingRule = defineRule(V22, (ctx, report) => {
  const entries = (ctx.model as { entryPoints?: unknown }).entryPoints;
  if (!Array.isArray(entries)) return;
  const known = knownQualifiers(ctx.model);
  entries.forEach((e: unknown, i) => {
    const q = isRecord(e) ? e.qualifier : e;
    if (ctx.isUnresolved(q)) return;
    if (typeof q !== "string" || !known.has(q)) {
      const name = isRecord(e) && typeof e.name === "string" ? e.name : String(i);
      reportUnknownQualifier(ctx.model, q, `entryPoints[${name}].qualifier`, report);
    }
  });
});
