import { App } from "cdktf";
import { selectReleaseStep } from "cdktf-serverless-canary";
import { steps } from "./steps";
import { InvokeGrayscaleStack, StagedGrayscaleStack } from "./stack";

const app = new App();
const step = selectReleaseStep(app, steps);
new StagedGrayscaleStack(app, "staged-grayscale", step);
new InvokeGrayscaleStack(app, "invoke-grayscale", step);
app.synth();
