import type { TwinProvider } from "../../twin/engine";
export const ALICLOUD_TWIN: TwinProvider = {
  models: {},
  view: {
    aliases: () => [],
    versions: () => [],
    stages: () => [],
    declaredAlias: () => undefined,
    versionOf: () => undefined,
  },
};
