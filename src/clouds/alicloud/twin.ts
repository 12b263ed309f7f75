import type { ResourceModels } from "../../twin/engine";
export const ALICLOUD_TWIN: ResourceModels = {};
