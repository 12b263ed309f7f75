// Registers cdktf's Jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
import { Testing } from "cdktf";

Testing.setupJest();
