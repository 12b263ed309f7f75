/** #13 item 21: sampling a routed stage with compiled routes decides exactly as simulate() does. */
import { GatewayModel, GatewayRouter, RouteRequest } from "../../src/routing";

const MODEL: GatewayModel = {
  cloud: "alibaba",
  function: {
    platform: "fc3",
    functionName: "fn",
    publishedVersions: ["1", "2", "3", "4"],
    aliases: [
      { name: "release", versionId: "1", weights: { "2": 0.1 } },
      { name: "prepub", versionId: "3" },
    ],
  },
  stages: [
    {
      stage: "release",
      qualifier: "release",
      routes: [
        {
          name: "bob",
          conditions: [{ source: "header", name: "User", operator: "=", value: "Bob" }, { random: 0.5 }],
          qualifier: "4",
        },
        { name: "tenth", conditions: [{ random: 0.1 }], qualifier: "prepub" },
        {
          name: "q",
          conditions: [{ source: "query", name: "v", operator: ">=", value: "2" }],
          qualifier: "2",
        },
      ],
    },
  ],
};

function bySimulate(router: GatewayRouter, request: RouteRequest, count: number, start: number) {
  const counts = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const v = router.simulate("release", request, start + i).version;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort());
}

describe("GatewayRouter.sample on a stage with random routes", () => {
  it.each<[string, RouteRequest]>([
    ["no header", {}],
    ["Bob", { headers: { user: "Bob" } }],
    ["query v=3", { query: { v: "3" } }],
    ["Bob and v=3", { headers: { User: "Bob" }, query: { v: "3" } }],
  ])("%s: the same counts as simulate() per index", (_name, request) => {
    for (const seed of [0, 7]) {
      const router = new GatewayRouter(MODEL, { seed });
      const sampled = router.sample("release", request, 3000, 11);
      const counts = Object.fromEntries(sampled.versions.map((v) => [v.version, v.count]).sort());
      expect(counts).toEqual(bySimulate(router, request, 3000, 11));
      expect(sampled.assumptions).toEqual(router.simulate("release", request, 11).assumptions);
    }
  });
});
