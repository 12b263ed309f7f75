/**
 * Serverless Framework's two grayscale modes on SCF (seed 003):
 * - default alias: `$DEFAULT` splits traffic between `$LATEST` (share `traffic`) and the last
 *   published version (1 - traffic);
 * - a custom alias with a weight map, e.g. `{"2": 0.5}` over version 1.
 * Select a step with `RELEASE_STEP=<name> npx cdktf synth` (default: the last step).
 */
export interface TrafficStep {
  readonly name: string;
  readonly note: string;
  readonly versions: readonly string[];
  /** Share of `$DEFAULT` traffic that runs `$LATEST`. */
  readonly latestTraffic: number;
  /** The custom alias `routing-alias`: primary version and weights of the other one. */
  readonly routingAlias?: { readonly version: string; readonly weights: Readonly<Record<string, number>> };
}

export const steps: readonly TrafficStep[] = [
  {
    name: "traffic-0.1",
    note: "deploy to $LATEST and send it 10%; 90% stay on version 1",
    versions: ["1"],
    latestTraffic: 0.1,
  },
  { name: "traffic-1.0", note: "$LATEST is stable: all traffic to it", versions: ["1"], latestTraffic: 1.0 },
  {
    name: "publish-traffic-0",
    note: "mark the stable version: publish 2 and send it everything",
    versions: ["1", "2"],
    latestTraffic: 0,
  },
  {
    name: "alias-50",
    note: "custom alias: 50% of version 1 traffic to version 2",
    versions: ["1", "2"],
    latestTraffic: 0,
    routingAlias: { version: "1", weights: { "2": 0.5 } },
  },
  {
    name: "alias-90",
    note: "custom alias: 90% to version 2",
    versions: ["1", "2"],
    latestTraffic: 0,
    routingAlias: { version: "1", weights: { "2": 0.9 } },
  },
];
