// Run by `npm test` before the tests: one line naming what to install, instead of failures deep in a test.
import { missingTool } from "./test-tools";

const missing = missingTool();
if (missing) {
  process.stderr.write(missing + "\n");
  process.exit(1);
}
