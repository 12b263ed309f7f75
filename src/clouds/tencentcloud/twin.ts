import type { ResourceModels } from "../../twin/engine";
export const TENCENTCLOUD_TWIN: ResourceModels = {};
