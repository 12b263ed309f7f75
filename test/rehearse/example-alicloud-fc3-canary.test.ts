import { describeExampleRehearsal } from "./examples";

describeExampleRehearsal("alicloud-fc3-canary");
