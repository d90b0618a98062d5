#!/usr/bin/env node
// CommonJS, as the bundle it loads: see scripts/build-cli.mjs.
require("../dist/cli/lynccert.cjs");
