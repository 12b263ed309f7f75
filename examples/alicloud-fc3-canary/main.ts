import { App } from "cdktf";
import { selectReleaseStep } from "cdktf-serverless-canary";
import { steps } from "./steps";
import { Fc3CanaryStack } from "./stack";

const app = new App();
new Fc3CanaryStack(app, "fc3-canary", selectReleaseStep(app, steps));
app.synth();
