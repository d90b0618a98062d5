import { cpus } from "node:os";
import { opensslVersion } from "../test/helpers/openssl";
import { batchBench } from "./batch-bench";
import { kitBench } from "./kit-bench";
import { requestBench } from "./request-bench";
import { scaleBench } from "./scale-bench";
import { startupBench } from "./startup-bench";
import { verifyBench } from "./verify-bench";

console.log(`LyncCert benchmarks — Node ${process.version}, ${opensslVersion()}, ${cpus().length} cores`);
const only = process.argv[2];
if (!only || only === "startup") startupBench();
if (!only || only === "request") requestBench();
if (!only || only === "verify") await verifyBench();
if (!only || only === "batch") await batchBench();
if (!only || only === "kit") await kitBench();
if (!only || only === "scale") await scaleBench();
