import { describeExampleRehearsal } from "./examples";

describeExampleRehearsal("tencent-staged-grayscale");
