#!/usr/bin/env node
import "../dist/cli/lynccert.mjs";
