import { App } from "cdktf";
import { selectReleaseStep } from "cdktf-serverless-canary";
import { steps } from "./steps";
import { DefaultAliasTrafficStack } from "./stack";

const app = new App();
new DefaultAliasTrafficStack(app, "default-alias-traffic", selectReleaseStep(app, steps));
app.synth();
