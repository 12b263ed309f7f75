import { describeExampleRehearsal } from "./examples";

describeExampleRehearsal("tencent-default-alias-traffic");
