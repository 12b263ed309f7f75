/**
 * Reading synthesized Terraform JSON for the reliability invariants: version resources by label,
 * references to them, and a scan for credential-like values.
 */

/** Parsed Terraform JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TfJson = any;

/** Resource types that publish a version; FC 2.0 has none (the service publishes outside Terraform). */
export const VERSION_TYPES = ["tencentcloud_scf_function_version", "alicloud_fcv3_function_version"];
export const ALIAS_TYPES = ["tencentcloud_scf_function_alias", "alicloud_fcv3_alias", "alicloud_fc_alias"];

export interface VersionResource {
  readonly type: string;
  readonly id: string;
  readonly label: string;
  readonly body: TfJson;
}

/** label → version resource; the label is read from the fixed description `release <label>[ code …]`. */
export function versionResources(json: TfJson): Map<string, VersionResource> {
  const out = new Map<string, VersionResource>();
  for (const type of VERSION_TYPES) {
    for (const [id, body] of Object.entries<TfJson>(json?.resource?.[type] ?? {})) {
      const m = /^release (\S+)/.exec(String(body.description));
      if (!m) throw new Error(`version resource ${type}.${id} has no "release <label>" description`);
      if (out.has(m[1])) throw new Error(`two version resources for label ${m[1]}`);
      out.set(m[1], { type, id, label: m[1], body });
    }
  }
  return out;
}

/** A version resource's inputs: everything but `lifecycle.prevent_destroy` (a meta-argument, never an input). */
export function versionInputs(body: TfJson): string {
  const { lifecycle, ...rest } = body ?? {};
  const keptLifecycle = { ...(lifecycle ?? {}) };
  delete keptLifecycle.prevent_destroy;
  return JSON.stringify({ ...rest, lifecycle: keptLifecycle });
}

const VERSION_REF = new RegExp(`(${VERSION_TYPES.join("|")})\\.([A-Za-z0-9_-]+)`, "g");

/**
 * Every version resource another resource (or output) mentions, in an interpolation or a
 * `depends_on`: `type.id` → addresses of the mentioning resources.
 */
export function versionMentions(json: TfJson): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const scan = (where: string, body: unknown) => {
    for (const m of JSON.stringify(body).matchAll(VERSION_REF)) {
      const key = `${m[1]}.${m[2]}`;
      out.set(key, [...(out.get(key) ?? []), where]);
    }
  };
  for (const [type, byId] of Object.entries<TfJson>(json?.resource ?? {})) {
    if (VERSION_TYPES.includes(type)) continue;
    for (const [id, body] of Object.entries<TfJson>(byId)) scan(`${type}.${id}`, body);
  }
  for (const [id, body] of Object.entries<TfJson>(json?.output ?? {})) scan(`output.${id}`, body);
  return out;
}

export interface AliasReferences {
  readonly address: string;
  readonly name: string;
  /** Version labels (FC 2.0, literal) or version resource keys `type.id` (SCF, FC 3.0). */
  readonly versions: readonly string[];
}

/** The versions each alias resource routes to (primary and additional). */
export function aliasReferences(json: TfJson): AliasReferences[] {
  const out: AliasReferences[] = [];
  const refKey = (s: string) => {
    const m = new RegExp(`^\\$\\{(${VERSION_TYPES.join("|")})\\.([A-Za-z0-9_-]+)\\.[a-z_]+\\}$`).exec(s);
    return m ? `${m[1]}.${m[2]}` : s;
  };
  for (const [id, a] of Object.entries<TfJson>(json?.resource?.tencentcloud_scf_function_alias ?? {})) {
    const rc = a.routing_config ?? {};
    out.push({
      address: `tencentcloud_scf_function_alias.${id}`,
      name: a.name,
      versions: [
        a.function_version,
        ...(rc.additional_version_weights ?? []).map((w: TfJson) => w.version),
        ...(rc.additional_version_matches ?? []).map((m: TfJson) => m.version),
      ].map(refKey),
    });
  }
  for (const [id, a] of Object.entries<TfJson>(json?.resource?.alicloud_fcv3_alias ?? {})) {
    out.push({
      address: `alicloud_fcv3_alias.${id}`,
      name: a.alias_name,
      versions: [a.version_id, ...Object.keys(a.additional_version_weight ?? {})].map(refKey),
    });
  }
  for (const [id, a] of Object.entries<TfJson>(json?.resource?.alicloud_fc_alias ?? {})) {
    out.push({
      address: `alicloud_fc_alias.${id}`,
      name: a.alias_name,
      versions: [a.service_version, ...Object.keys(a.routing_config?.additional_version_weights ?? {})],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------

/** Alibaba Cloud AccessKey ids (`LTAI…`), STS ids (`STS.…`) and Tencent Cloud SecretIds (`AKID…`). */
export const ACCESS_KEY_PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: "Alibaba Cloud AccessKey ID", pattern: /\bLTAI[0-9A-Za-z]{12,30}\b/ },
  { name: "Alibaba Cloud STS AccessKey ID", pattern: /\bSTS\.[0-9A-Za-z]{16,}\b/ },
  { name: "Tencent Cloud SecretId", pattern: /\bAKID[0-9A-Za-z]{13,40}\b/ },
];

/** Field names that carry credentials in the alicloud and tencentcloud providers (and common spellings). */
export const CREDENTIAL_FIELDS = [
  "access_key",
  "secret_key",
  "secret_id",
  "security_token",
  "sts_token",
  "access_key_id",
  "access_key_secret",
  "accesskey",
  "secretkey",
  "secretid",
];

export interface SecretFinding {
  readonly where: string;
  readonly what: string;
}

/**
 * Credential-like values in synthesized JSON: access-key patterns anywhere (keys and values), and
 * any literal value under a credential field name. A `${var.…}` reference is not a literal, but the
 * library never needs one either, so it is reported too.
 */
export function findSecrets(json: TfJson, where = "$"): SecretFinding[] {
  const out: SecretFinding[] = [];
  const visit = (value: unknown, at: string) => {
    if (typeof value === "string") {
      for (const { name, pattern } of ACCESS_KEY_PATTERNS)
        if (pattern.test(value))
          out.push({ where: at, what: `${name} in ${JSON.stringify(value.slice(0, 60))}` });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${at}[${i}]`));
      return;
    }
    if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        const field = k.toLowerCase();
        if (CREDENTIAL_FIELDS.includes(field) && v !== null && v !== undefined && v !== "") {
          out.push({
            where: `${at}.${k}`,
            what: `credential field ${k} = ${JSON.stringify(v).slice(0, 40)}`,
          });
        }
        for (const { name, pattern } of ACCESS_KEY_PATTERNS)
          if (pattern.test(k)) out.push({ where: `${at}.${k}`, what: `${name} in a key` });
        visit(v, `${at}.${k}`);
      }
    }
  };
  visit(json, where);
  return out;
}
