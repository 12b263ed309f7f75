/** #13 item 22: resolve(model, request) compiles a model once per model object, not per call. */
import * as validateModule from "../../src/routing/validate";
import { resolve, routerFor, ScfFunctionModel } from "../../src/routing";

const model: ScfFunctionModel = {
  platform: "scf",
  functionName: "fn",
  publishedVersions: ["1", "2"],
  aliases: [{ name: "release", primary: "1", weights: [{ version: "2", weight: 0.1 }] }],
};

describe("resolve's compiled-model cache", () => {
  afterEach(() => jest.restoreAllMocks());

  it("validates a model object once for many calls with the same options", () => {
    const m = structuredClone(model);
    const spy = jest.spyOn(validateModule, "validate");
    for (let i = 0; i < 200; i++) resolve(m, { qualifier: "release" }, { seed: 3, requestIndex: i });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(routerFor(m, { seed: 3 })).toBe(routerFor(m, { seed: 3 }));
  });

  it("other options or another seed compile their own router; another model object too", () => {
    const m = structuredClone(model);
    expect(routerFor(m, { seed: 1 })).not.toBe(routerFor(m, { seed: 2 }));
    expect(routerFor(m)).not.toBe(routerFor(m, { options: { gatewayRoutingKey: true } }));
    expect(routerFor(m)).not.toBe(routerFor(structuredClone(model)));
  });
});
