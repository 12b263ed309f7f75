/**
 * Offline conformance checks of synthesized Terraform JSON against provider schemas in
 * `terraform providers schema -json` format. Catches escape-hatch typos, API names leaking into
 * the JSON (`AddtionVersionMatchs`), wrong block shapes and wrong value types without
 * `terraform init`. Pure functions: only `fs`/`path` are used, to load the schema files.
 */
import * as fs from "fs";
import * as path from "path";

// ---------------------------------------------------------------------------------------------
// Schema model (the subset of `terraform providers schema -json` that the checks need)
// ---------------------------------------------------------------------------------------------

/** A cty type as written in provider schema JSON. */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", CtyType]
  | readonly ["object", Readonly<Record<string, CtyType>>, ...unknown[]]
  | readonly ["tuple", readonly CtyType[]];

export interface SchemaAttribute {
  readonly type?: CtyType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}

export interface SchemaBlockType {
  readonly nesting_mode: "single" | "group" | "list" | "set" | "map";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaBlockType>>;
  readonly deprecated?: boolean;
}

/** One file written by `terraform providers schema -json`. */
export interface ProvidersSchemaDocument {
  readonly format_version?: string;
  readonly provider_schemas: Readonly<
    Record<
      string,
      {
        readonly provider?: { readonly block: SchemaBlock };
        readonly resource_schemas?: Readonly<Record<string, { readonly block: SchemaBlock }>>;
      }
    >
  >;
}

export interface ResourceSchemaEntry {
  /** Full source address, e.g. `registry.terraform.io/aliyun/alicloud`. */
  readonly providerSource: string;
  readonly block: SchemaBlock;
  readonly deprecated: boolean;
}

export interface ProviderSchemaIndex {
  /** resource type -> schema */
  readonly resources: ReadonlyMap<string, ResourceSchemaEntry>;
  /** provider source address -> provider configuration block */
  readonly providers: ReadonlyMap<string, SchemaBlock>;
}

export interface SchemaViolation {
  readonly severity: "error" | "warning";
  /** Resource type, or `provider` / `terraform` for those top-level blocks. */
  readonly resourceType: string;
  readonly resourceName: string;
  /** Location inside the block, e.g. `routing_config[0].additional_version_weights[1].weight`. */
  readonly path: string;
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/** `schemas/` at the package root; the same relative hop works from `src/testing` and `lib/testing`. */
export const BUNDLED_SCHEMA_DIR = path.join(__dirname, "..", "..", "schemas");
const BUNDLED_SCHEMA_FILES = ["alicloud.json", "tencentcloud.json"];

const indexCache = new Map<string, ProviderSchemaIndex>();

/**
 * Loads schema files (default: the bundled alicloud and tencentcloud subsets) into an index.
 * Results are cached per file list, since the files are large and never change at test time.
 */
export function loadProviderSchemas(...paths: string[]): ProviderSchemaIndex {
  const files = (
    paths.length > 0 ? paths : BUNDLED_SCHEMA_FILES.map((f) => path.join(BUNDLED_SCHEMA_DIR, f))
  ).map((p) => path.resolve(p));
  const key = files.join("\n");
  let index = indexCache.get(key);
  if (!index) {
    index = indexProviderSchemas(
      ...files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as ProvidersSchemaDocument),
    );
    indexCache.set(key, index);
  }
  return index;
}

/** Builds an index from already-parsed schema documents (useful for hand-made test schemas). */
export function indexProviderSchemas(...documents: ProvidersSchemaDocument[]): ProviderSchemaIndex {
  const resources = new Map<string, ResourceSchemaEntry>();
  const providers = new Map<string, SchemaBlock>();
  for (const doc of documents) {
    for (const [source, schema] of Object.entries(doc.provider_schemas)) {
      const providerSource = normalizeSource(source);
      providers.set(providerSource, schema.provider?.block ?? {});
      for (const [type, resource] of Object.entries(schema.resource_schemas ?? {})) {
        const existing = resources.get(type);
        if (existing && existing.providerSource !== providerSource) {
          throw new Error(
            `Resource type ${type} is defined by both ${existing.providerSource} and ${providerSource}`,
          );
        }
        resources.set(type, {
          providerSource,
          block: resource.block,
          deprecated: resource.block.deprecated === true,
        });
      }
    }
  }
  return { resources, providers };
}

// ---------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------

/** Terraform meta-arguments allowed on every resource; their contents are not schema-checked. */
const RESOURCE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  "depends_on",
  "count",
  "for_each",
  "provider",
  "lifecycle",
  "provisioner",
  "connection",
]);
const PROVIDER_META_ARGUMENTS: ReadonlySet<string> = new Set(["alias", "version"]);
const NO_META_ARGUMENTS: ReadonlySet<string> = new Set();
/** Terraform JSON syntax treats `//` as a comment; cdktf puts construct metadata there. */
const COMMENT_KEY = "//";

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Where violations go and which top-level object they belong to. */
interface Reporter {
  readonly out: SchemaViolation[];
  readonly resourceType: string;
  readonly resourceName: string;
}

/**
 * Checks every `resource.<type>.<name>`, every `provider.<name>` configuration and every
 * `terraform.required_providers` entry. Accepts the parsed object or the string `Testing.synth()` returns.
 */
export function checkTerraformJson(
  tfJson: object | string,
  schemas: ProviderSchemaIndex = loadProviderSchemas(),
): SchemaViolation[] {
  const doc: Json = typeof tfJson === "string" ? JSON.parse(tfJson) : tfJson;
  const out: SchemaViolation[] = [];
  if (!isObject(doc)) {
    out.push({
      severity: "error",
      resourceType: "",
      resourceName: "",
      path: "",
      message: "not a JSON object",
    });
    return out;
  }
  const requiredProviders = isObject(doc.terraform) ? doc.terraform.required_providers : undefined;
  checkRequiredProviders(requiredProviders, schemas, out);
  checkProviders(doc.provider, requiredProviders, schemas, out);
  checkResources(doc.resource, schemas, out);
  return out;
}

/** One line per violation: `error alicloud_fcv3_alias.release: path: message`. */
export function formatViolations(violations: readonly SchemaViolation[]): string {
  return violations
    .map(
      (v) => `${v.severity} ${v.resourceType}.${v.resourceName}: ${v.path ? `${v.path}: ` : ""}${v.message}`,
    )
    .join("\n");
}

/** Throws when any error-severity violation exists; warnings alone pass. */
export function assertConformsToSchemas(
  tfJson: object | string,
  schemas: ProviderSchemaIndex = loadProviderSchemas(),
): void {
  const violations = checkTerraformJson(tfJson, schemas);
  const errors = violations.filter((v) => v.severity === "error").length;
  if (errors > 0) {
    throw new Error(
      `Terraform JSON does not conform to the provider schemas (${errors} error(s)):\n${formatViolations(violations)}`,
    );
  }
}

function checkResources(resources: Json, schemas: ProviderSchemaIndex, out: SchemaViolation[]): void {
  if (!isObject(resources)) return;
  for (const [type, instances] of Object.entries(resources)) {
    if (!isObject(instances)) continue;
    for (const [name, body] of Object.entries(instances)) {
      const r: Reporter = { out, resourceType: type, resourceName: name };
      const schema = schemas.resources.get(type);
      if (!schema) {
        report(r, "error", "", "unknown resource type (not in the loaded provider schemas)");
      } else if (!isObject(body)) {
        report(r, "error", "", `expected a resource object, got ${describe(body)}`);
      } else {
        if (schema.deprecated)
          report(r, "warning", "", `deprecated resource type (${schema.providerSource})`);
        checkBlock(r, schema.block, body, "", RESOURCE_META_ARGUMENTS);
      }
    }
  }
}

/** cdktf writes `"provider": {"alicloud": [{...}]}`; Terraform also accepts a lone object. */
function checkProviders(
  providers: Json,
  requiredProviders: Json,
  schemas: ProviderSchemaIndex,
  out: SchemaViolation[],
): void {
  if (!isObject(providers)) return;
  for (const [name, configs] of Object.entries(providers)) {
    const block = findProviderBlock(name, requiredProviders, schemas);
    const entries: Array<[Json, string]> = Array.isArray(configs)
      ? configs.map((c, i) => [c, `${name}[${i}]`])
      : [[configs, name]];
    for (const [config, label] of entries) {
      const r: Reporter = { out, resourceType: "provider", resourceName: label };
      if (!block) report(r, "error", "", "unknown provider (no loaded provider schema has this local name)");
      else if (!isObject(config))
        report(r, "error", "", `expected a provider object, got ${describe(config)}`);
      else checkBlock(r, block, config, "", PROVIDER_META_ARGUMENTS);
    }
  }
}

/** Resolves a provider local name via `required_providers`, falling back to the source's last segment. */
function findProviderBlock(
  name: string,
  requiredProviders: Json,
  schemas: ProviderSchemaIndex,
): SchemaBlock | undefined {
  const entry = isObject(requiredProviders) ? requiredProviders[name] : undefined;
  if (isObject(entry) && typeof entry.source === "string") {
    return schemas.providers.get(normalizeSource(entry.source));
  }
  for (const [source, block] of schemas.providers) {
    if (source.endsWith(`/${name.toLowerCase()}`)) return block;
  }
  return undefined;
}

function checkRequiredProviders(
  requiredProviders: Json,
  schemas: ProviderSchemaIndex,
  out: SchemaViolation[],
): void {
  if (!isObject(requiredProviders)) return;
  const r: Reporter = { out, resourceType: "terraform", resourceName: "required_providers" };
  for (const [name, entry] of Object.entries(requiredProviders)) {
    const source = isObject(entry) ? entry.source : undefined;
    if (typeof source !== "string") {
      report(r, "error", name, "missing source");
    } else if (!schemas.providers.has(normalizeSource(source))) {
      const known = [...schemas.providers.keys()].join(", ");
      report(r, "error", `${name}.source`, `unknown provider source "${source}" (known: ${known})`);
    }
  }
}

/** Checks one block body: keys, required attributes, block counts, then recurses. */
function checkBlock(
  r: Reporter,
  block: SchemaBlock,
  body: JsonObject,
  at: string,
  metaArguments: ReadonlySet<string>,
): void {
  for (const [key, value] of Object.entries(body)) {
    // `undefined` never reaches the JSON file, so treat it as absent.
    if (value === undefined || key === COMMENT_KEY || metaArguments.has(key)) continue;
    const attribute = own(block.attributes, key);
    const blockType = own(block.block_types, key);
    if (attribute) checkAttribute(r, attribute, value, join(at, key));
    else if (blockType) checkNestedBlock(r, blockType, value, join(at, key));
    else if (key === "dynamic") checkDynamicBlocks(r, block, value, join(at, key));
    else report(r, "error", join(at, key), `unknown attribute (allowed: ${settableNames(block).join(", ")})`);
  }
  checkRequiredAttributes(r, block, body, at);
  checkRequiredBlocks(r, block, body, at);
}

function checkRequiredAttributes(r: Reporter, block: SchemaBlock, body: JsonObject, at: string): void {
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    // `null` means "unset" in Terraform, so it does not satisfy Required.
    if (attribute.required && (own(body, name) ?? null) === null) {
      report(r, "error", join(at, name), "required attribute missing");
    }
  }
}

function checkRequiredBlocks(r: Reporter, block: SchemaBlock, body: JsonObject, at: string): void {
  const dynamic = own(body, "dynamic");
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    const min = blockType.min_items ?? 0;
    // A dynamic block's count is only known at plan time.
    if (min === 0 || (isObject(dynamic) && own(dynamic, name) !== undefined)) continue;
    if ((own(body, name) ?? null) === null) {
      report(r, "error", join(at, name), `required block missing (min_items ${min})`);
    }
  }
}

function checkAttribute(r: Reporter, attribute: SchemaAttribute, value: Json, at: string): void {
  if (attribute.computed && !attribute.optional && !attribute.required) {
    report(r, "error", at, "computed-only attribute cannot be set");
    return;
  }
  if (attribute.deprecated) report(r, "warning", at, "deprecated attribute");
  if (value !== null && attribute.type !== undefined) checkValue(r, attribute.type, value, at);
}

function checkNestedBlock(r: Reporter, blockType: SchemaBlockType, value: Json, at: string): void {
  if (value === null || isInterpolation(value)) return;
  if (blockType.block.deprecated) report(r, "warning", at, "deprecated block");
  switch (blockType.nesting_mode) {
    case "single":
    case "group":
      if (isObject(value)) checkBlock(r, blockType.block, value, at, NO_META_ARGUMENTS);
      else report(r, "error", at, `single block must be an object, got ${describe(value)}`);
      return;
    case "list":
    case "set":
      checkBlockList(r, blockType, value, at);
      return;
    case "map":
      checkBlockMap(r, blockType, value, at);
      return;
  }
}

/**
 * cdktf renders list/set blocks as arrays, except those with `max_items: 1`, which it renders
 * as a lone object (Terraform JSON reads an object as one block). Anything else is a mistake.
 */
function checkBlockList(r: Reporter, blockType: SchemaBlockType, value: Json, at: string): void {
  let items: Array<[Json, string]>;
  if (Array.isArray(value)) {
    items = value.map((item, i) => [item, `${at}[${i}]`]);
  } else if (isObject(value) && blockType.max_items === 1) {
    items = [[value, at]];
  } else {
    report(
      r,
      "error",
      at,
      `${blockType.nesting_mode} block must be an array of objects, got ${describe(value)}`,
    );
    return;
  }
  const { min_items: min = 0, max_items: max } = blockType;
  if (items.length < min)
    report(r, "error", at, `${items.length} block(s), at least ${min} required (min_items)`);
  if (max !== undefined && items.length > max) {
    report(r, "error", at, `${items.length} blocks, at most ${max} allowed (max_items)`);
  }
  for (const [item, itemAt] of items) {
    if (isObject(item)) checkBlock(r, blockType.block, item, itemAt, NO_META_ARGUMENTS);
    else if (!isInterpolation(item))
      report(r, "error", itemAt, `expected a block object, got ${describe(item)}`);
  }
}

function checkBlockMap(r: Reporter, blockType: SchemaBlockType, value: Json, at: string): void {
  if (!isObject(value)) {
    report(r, "error", at, `map block must be an object keyed by label, got ${describe(value)}`);
    return;
  }
  for (const [label, item] of Object.entries(value)) {
    const itemAt = `${at}[${JSON.stringify(label)}]`;
    if (isObject(item)) checkBlock(r, blockType.block, item, itemAt, NO_META_ARGUMENTS);
    else report(r, "error", itemAt, `expected a block object, got ${describe(item)}`);
  }
}

/** `dynamic: {<block type>: {for_each, content, ...}}`; only the block type and `content` are checked. */
function checkDynamicBlocks(r: Reporter, block: SchemaBlock, value: Json, at: string): void {
  if (!isObject(value)) {
    report(r, "error", at, `expected an object of dynamic blocks, got ${describe(value)}`);
    return;
  }
  for (const [name, dynamic] of Object.entries(value)) {
    const blockType = own(block.block_types, name);
    if (!blockType) {
      const allowed = Object.keys(block.block_types ?? {}).sort();
      report(r, "error", join(at, name), `unknown block type (allowed: ${allowed.join(", ")})`);
    } else if (isObject(dynamic) && isObject(dynamic.content)) {
      checkBlock(r, blockType.block, dynamic.content, join(at, `${name}.content`), NO_META_ARGUMENTS);
    }
  }
}

/**
 * Checks a value against a cty type. Interpolations are accepted anywhere because cdktf tokens are
 * unresolved at synth time. Stricter than Terraform on one point: a string for a number or bool is
 * an error, because bindings emit native JSON numbers/bools, so a string means a hand-written mistake.
 */
function checkValue(r: Reporter, type: CtyType, value: Json, at: string): void {
  if (value === null || isInterpolation(value)) return;
  if (typeof type === "string") {
    checkPrimitive(r, type, value, at);
    return;
  }
  switch (type[0]) {
    case "list":
    case "set":
      if (!Array.isArray(value)) report(r, "error", at, `expected ${type[0]}, got ${describe(value)}`);
      else value.forEach((item, i) => checkValue(r, type[1], item, `${at}[${i}]`));
      return;
    case "map":
      if (!isObject(value)) report(r, "error", at, `expected map, got ${describe(value)}`);
      else
        for (const [k, v] of Object.entries(value)) checkValue(r, type[1], v, `${at}[${JSON.stringify(k)}]`);
      return;
    case "object":
      checkObjectValue(r, type[1], value, at);
      return;
    case "tuple":
      checkTupleValue(r, type[1], value, at);
      return;
  }
}

/** JSON types accepted per primitive; Terraform converts numbers and bools to strings losslessly. */
const PRIMITIVE_JSON_TYPES: Readonly<Record<string, readonly string[]>> = {
  string: ["string", "number", "boolean"],
  number: ["number"],
  bool: ["boolean"],
};

function checkPrimitive(r: Reporter, type: string, value: Json, at: string): void {
  const accepted = own(PRIMITIVE_JSON_TYPES, type); // undefined for "dynamic": anything goes
  if (accepted && !accepted.includes(typeof value))
    report(r, "error", at, `expected ${type}, got ${describe(value)}`);
}

function checkObjectValue(
  r: Reporter,
  fields: Readonly<Record<string, CtyType>>,
  value: Json,
  at: string,
): void {
  if (!isObject(value)) {
    report(r, "error", at, `expected object, got ${describe(value)}`);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const fieldType = own(fields, k);
    if (fieldType === undefined) {
      report(
        r,
        "error",
        join(at, k),
        `unknown object attribute (allowed: ${Object.keys(fields).sort().join(", ")})`,
      );
    } else {
      checkValue(r, fieldType, v, join(at, k));
    }
  }
}

function checkTupleValue(r: Reporter, elements: readonly CtyType[], value: Json, at: string): void {
  if (!Array.isArray(value) || value.length !== elements.length) {
    report(r, "error", at, `expected tuple of ${elements.length} element(s), got ${describe(value)}`);
    return;
  }
  value.forEach((item, i) => checkValue(r, elements[i], item, `${at}[${i}]`));
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function report(r: Reporter, severity: SchemaViolation["severity"], at: string, message: string): void {
  r.out.push({ severity, resourceType: r.resourceType, resourceName: r.resourceName, path: at, message });
}

/** Names a user may write in this block: non-computed-only attributes and block types. */
function settableNames(block: SchemaBlock): string[] {
  const attributes = Object.entries(block.attributes ?? {})
    .filter(([, a]) => a.required || a.optional)
    .map(([name]) => name);
  return [...attributes, ...Object.keys(block.block_types ?? {})].sort();
}

/** `${` starts an interpolation; `$${` is HCL's escape for a literal `${`. */
function isInterpolation(value: Json): boolean {
  return typeof value === "string" && /(^|[^$])\$\{/.test(value);
}

function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Own-property lookup, so keys like `constructor` are not mistaken for schema entries. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function describe(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string") return `string ${JSON.stringify(value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/** `aliyun/alicloud` -> `registry.terraform.io/aliyun/alicloud`; source addresses are case-insensitive. */
function normalizeSource(source: string): string {
  const lower = source.toLowerCase();
  return lower.split("/").length === 2 ? `registry.terraform.io/${lower}` : lower;
}
