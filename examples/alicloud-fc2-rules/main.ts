import { App } from "cdktf";
import { selectReleaseStep } from "cdktf-serverless-canary";
import { steps } from "./steps";
import { Fc2RulesStack } from "./stack";

const app = new App();
new Fc2RulesStack(app, "fc2-rules", selectReleaseStep(app, steps));
app.synth();
