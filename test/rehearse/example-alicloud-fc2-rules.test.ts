import { describeExampleRehearsal } from "./examples";

describeExampleRehearsal("alicloud-fc2-rules");
