/**
 * #13 item 3: header names are case-insensitive, also for SCF behind API Gateway under gatewayRoutingKey
 * (the headers become the RoutingKey); an explicit RoutingKey on Invoke is matched exactly (§7.5).
 */
import { resolve, ScfFunctionModel } from "../../src";

const model: ScfFunctionModel = {
  platform: "scf",
  functionName: "function-b",
  publishedVersions: ["3", "4"],
  aliases: [
    {
      name: "prepub",
      primary: "3",
      matches: [{ version: "4", key: "invoke.headers.User", method: "exact", expression: "Bob" }],
    },
  ],
};
const gateway = { options: { gatewayRoutingKey: true } };

describe("SCF header-name case under gatewayRoutingKey", () => {
  it.each(["User", "user", "USER"])("a %s header matches the rule User", (name) => {
    const d = resolve(model, { qualifier: "prepub", api: "apigateway", headers: { [name]: "Bob" } }, gateway);
    expect(d).toMatchObject({ version: "4", reason: "rule:hit" });
    expect(d.assumptions).toContain(
      "gatewayRoutingKey=true: API Gateway passes client headers as the SCF RoutingKey, names compared case-insensitively (undocumented)",
    );
  });

  it("a rule key in lower case matches a header in any case", () => {
    const lower: ScfFunctionModel = {
      ...model,
      aliases: [
        { ...model.aliases[0], matches: [{ ...model.aliases[0].matches![0], key: "invoke.headers.user" }] },
      ],
    };
    expect(
      resolve(lower, { qualifier: "prepub", api: "apigateway", headers: { User: "Bob" } }, gateway).version,
    ).toBe("4");
  });

  it("the header value is still compared exactly", () => {
    expect(
      resolve(model, { qualifier: "prepub", api: "apigateway", headers: { user: "bob" } }, gateway).version,
    ).toBe("3");
  });

  it("an explicit RoutingKey (Invoke) is matched by exact name", () => {
    expect(resolve(model, { qualifier: "prepub", routingKey: '{"User":"Bob"}' }).version).toBe("4");
    expect(resolve(model, { qualifier: "prepub", routingKey: '{"user":"Bob"}' }).version).toBe("3");
  });
});
