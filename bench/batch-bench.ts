import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { planRequestsForSite } from "../shared/planner/plan-all";
import { parseSite } from "../shared/site/parse-site";
import { createRequests } from "../src-main/services/batch-service";
import { Keystore } from "../src-main/services/keystore/keystore";

const SITE = fileURLToPath(new URL("../examples/contoso.site.json", import.meta.url));

/** `request --all` for the example topology with separate certificates, one at a time and in parallel. */
export async function batchBench(): Promise<void> {
  const site = parseSite(JSON.parse(readFileSync(SITE, "utf8")));
  const requests = planRequestsForSite(site, { separate: true });
  console.log(`\n== request --all --separate: ${requests.length} certificates (RSA 2048), in one process; median of 3 ==`);
  const run = async (concurrency: number) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const dir = mkdtempSync(join(tmpdir(), "lynccert-batch-bench-"));
      const started = performance.now();
      const results = await createRequests({
        site,
        requests,
        key: "rsa2048",
        hash: undefined,
        subject: {},
        template: "WebServer",
        passphrase: "bench-passphrase",
        store: new Keystore(dir),
        outDir: undefined,
        crlf: false,
        force: false,
        concurrency,
      });
      times.push(performance.now() - started);
      rmSync(dir, { recursive: true, force: true });
      if (results.some((r) => r.error)) throw new Error(results.find((r) => r.error)!.error);
    }
    return times.sort((a, b) => a - b)[1]!;
  };
  const sequential = await run(1);
  const parallel = await run(availableParallelism());
  console.log(`${"sequential (one at a time)".padEnd(58)}${sequential.toFixed(0).padStart(8)} ms`);
  console.log(`${`parallel (${availableParallelism()} at a time, keygen on the thread pool)`.padEnd(58)}${parallel.toFixed(0).padStart(8)} ms`);
  console.log(`   speed-up: ${(sequential / parallel).toFixed(2)}x on ${availableParallelism()} cores`);
}
