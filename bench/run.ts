import { opensslVersion } from "../test/helpers/openssl";
import { requestBench } from "./request-bench";

console.log(`LyncCert benchmarks — Node ${process.version}, ${opensslVersion()}, ${(await import("node:os")).cpus().length} cores`);
requestBench();
