/**
 * The provider schemas the twin serves: the repository's `schemas/<provider>.json` (the format of
 * `terraform providers schema -json`), converted to tfplugin6 `Schema` messages.
 */
import * as fs from "fs";
import * as path from "path";

export interface JsonAttribute {
  readonly type: unknown;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}

export interface JsonBlock {
  readonly attributes?: Record<string, JsonAttribute>;
  readonly block_types?: Record<string, JsonNestedBlock>;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface JsonNestedBlock {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: JsonBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface JsonSchema {
  readonly version: number;
  readonly block: JsonBlock;
}

export interface ProviderSchemas {
  /** e.g. `registry.terraform.io/aliyun/alicloud`. */
  readonly address: string;
  readonly provider: JsonSchema;
  readonly resources: Record<string, JsonSchema>;
  readonly dataSources: Record<string, JsonSchema>;
}

/** The folder holding `<provider>.json`: the package's `schemas/` (from src/twin or lib/twin). */
export function schemasDir(): string {
  return path.resolve(__dirname, "..", "..", "schemas");
}

export function loadProviderSchemas(provider: string, dir = schemasDir()): ProviderSchemas {
  const file = path.join(dir, `${provider}.json`);
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const entries = Object.entries(json.provider_schemas ?? {}) as [string, Record<string, unknown>][];
  if (entries.length !== 1) throw new Error(`${file}: expected one provider schema, got ${entries.length}`);
  const [address, s] = entries[0];
  return {
    address,
    provider: s.provider as JsonSchema,
    resources: (s.resource_schemas ?? {}) as Record<string, JsonSchema>,
    dataSources: (s.data_source_schemas ?? {}) as Record<string, JsonSchema>,
  };
}

const NESTING: Record<JsonNestedBlock["nesting_mode"], number> = {
  single: 1,
  list: 2,
  set: 3,
  map: 4,
  group: 5,
};

function blockMessage(b: JsonBlock): object {
  return {
    version: 0,
    attributes: Object.entries(b.attributes ?? {})
      .sort(([a], [c]) => a.localeCompare(c))
      .map(([name, a]) => ({
        name,
        type: Buffer.from(JSON.stringify(a.type)),
        description: a.description ?? "",
        required: !!a.required,
        optional: !!a.optional,
        computed: !!a.computed,
        sensitive: !!a.sensitive,
        deprecated: !!a.deprecated,
      })),
    block_types: Object.entries(b.block_types ?? {})
      .sort(([a], [c]) => a.localeCompare(c))
      .map(([type_name, nb]) => ({
        type_name,
        block: blockMessage(nb.block),
        nesting: NESTING[nb.nesting_mode],
        min_items: nb.min_items ?? 0,
        max_items: nb.max_items ?? 0,
      })),
    description: b.description ?? "",
    deprecated: !!b.deprecated,
  };
}

/** A tfplugin6 `Schema` message (as a plain object for the gRPC serializer). */
export function schemaMessage(s: JsonSchema): object {
  return { version: s.version ?? 0, block: blockMessage(s.block) };
}
