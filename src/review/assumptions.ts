/**
 * What the simulator needs that the deployed resources do not say (issue #13 item 4): the routing
 * options an app used (`gatewayRoutingKey`, `strictPublishing`…) and the FC 2.0 rules kept with
 * `fc2Rules: "simulate-only"` (FC 2.0 deploys only the weights). The constructs record them in the
 * synthesized output as a Terraform output whose value is one deterministic JSON string
 * (`{"serverless-canary":"simulator@1",…}`, keys sorted); `review` and `simulate` read it back, and a
 * CLI flag still overrides. Pure: no cdktf.
 */
import { RoutingOptions } from "../routing";
import { isRecord } from "./terraform";

export const SIMULATOR_RECORD = "simulator@1";
const MARKER = "serverless-canary";

/** One record: an alias's simulate-only routing and options, or a gateway's options. */
export interface SimulatorRecord {
  readonly kind: "alias" | "gateway";
  /** Alias records: the platform, function (FC 2.0: service) name and alias name. */
  readonly platform?: string;
  readonly function?: string;
  readonly alias?: string;
  /** Gateway records: the gateway name (Alibaba group, Tencent service prefix) and cloud. */
  readonly gateway?: string;
  readonly cloud?: string;
  /** FC 2.0 simulate-only rules: `resolvePolicy` and `routePolicy` of the alias. */
  readonly rules?: { readonly resolvePolicy?: unknown; readonly routePolicy?: unknown };
  readonly fc2Rules?: "simulate-only";
  /** Routing options that differ from the defaults. */
  readonly routingOptions?: RoutingOptions;
}

/** A record read back, with the output that holds it. */
export interface RecordedAssumptions extends SimulatorRecord {
  /** `output.<name>` in the stack it was read from. */
  readonly source: string;
  readonly stack: string;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => [k, sorted(value[k])]),
  );
}

/** The output value and description the constructs write (a JSON string with sorted keys). */
export function simulatorOutput(record: SimulatorRecord): { value: string; description: string } {
  return {
    value: JSON.stringify(sorted({ [MARKER]: SIMULATOR_RECORD, ...record })),
    description: `serverless-canary: what review and simulate need to simulate this ${record.kind} as the app did (machine-readable)`,
  };
}

/** Records in the `output` block of one stack's Terraform JSON. */
export function readSimulatorRecords(json: unknown, stack: string): RecordedAssumptions[] {
  if (!isRecord(json) || !isRecord(json.output)) return [];
  const out: RecordedAssumptions[] = [];
  for (const [name, o] of Object.entries(json.output)) {
    const value = isRecord(o) ? o.value : undefined;
    if (typeof value !== "string" || !value.includes(SIMULATOR_RECORD)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    if (!isRecord(parsed) || parsed[MARKER] !== SIMULATOR_RECORD) continue;
    if (parsed.kind !== "alias" && parsed.kind !== "gateway") continue;
    const { [MARKER]: _marker, ...record } = parsed;
    void _marker;
    out.push({ ...(record as unknown as SimulatorRecord), source: `output.${name}`, stack });
  }
  return out;
}

/** The routing options that differ from the defaults, or undefined when none do. */
export function nonDefaultOptions(
  options: RoutingOptions,
  defaults: Readonly<Record<string, unknown>>,
): RoutingOptions | undefined {
  const entries = Object.entries(options).filter(([k, v]) => v !== undefined && defaults[k] !== v);
  return entries.length > 0 ? (Object.fromEntries(entries) as RoutingOptions) : undefined;
}
