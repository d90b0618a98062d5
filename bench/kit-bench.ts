import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { answerEveryRequest, NORTHWIND_TBXML, storedRecords } from "../test/helpers/ca-answers";
import { cli } from "../test/helpers/cli";
import { openssl, opensslCompatPfx } from "../test/helpers/openssl";

const ENV = { LYNCCERT_PASSPHRASE: "kit-bench-passphrase", LYNCCERT_PFX_PASSWORD: "Kit-Bench-Password-1" };

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function step(args: string[], expectCode = 0): Promise<void> {
  const r = await cli(args, ENV);
  if (r.code !== expectCode) throw new Error(`lynccert ${args[0]} exited ${r.code}: ${r.err}`);
}

/**
 * The whole path for the 12-server topology of the end-to-end test: topology import, request --all, bulk
 * import of the CA's answers (mixed formats in one folder) and the kits, in one process. Beside each step,
 * openssl doing the same cryptographic work one file at a time, as an admin's script would.
 */
export async function kitBench(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "lynccert-kit-bench-"));
  const store = join(work, "store");
  const site = join(work, "site.json");
  try {
    const topology = await timed(() => step(["topology", "import", fileURLToPath(NORTHWIND_TBXML), "--out", site]));
    const requests = await timed(() => step(["request", "--all", "--site", site, "--store", store, "--out-dir", join(work, "requests"), "--subject", "O=Northwind"]));
    const records = storedRecords(store);
    const answers = answerEveryRequest(store, work);
    const files = readdirSync(answers.dir).length;
    const imported = await timed(() => step(["import", answers.dir, "--store", store]));
    const kits = await timed(() => step(["kit", "--site", site, "--store", store, "--out-dir", join(work, "kits")]));
    const pfxCount = readdirSync(join(work, "kits"), { recursive: true }).filter((f) => String(f).endsWith(".pfx")).length;

    const ref = join(work, "openssl");
    const refRequests = await timed(() =>
      records.forEach((r, i) =>
        openssl(["req", "-new", "-newkey", "rsa:2048", "-noenc", "-keyout", join(work, `k${i}.pem`), "-out", join(work, `r${i}.csr`), "-subj", `/CN=${r.plan.cn}`]),
      ),
    );
    // The CA signs openssl's requests too (not timed), so that its keys have certificates to verify and package.
    const leaves = records.map((r, i) => answers.ca.issue(join(work, `r${i}.csr`), join(work, `l${i}.pem`), { san: r.plan.san.map((n) => n.name) }));
    const refVerify = await timed(() => leaves.forEach((leaf) => openssl(["verify", "-CAfile", answers.ca.root, "-untrusted", answers.ca.intermediate, leaf])));
    const refPfx = await timed(() => {
      for (let i = 0; i < pfxCount; i++) {
        const k = i % leaves.length;
        opensslCompatPfx({ leaf: leaves[k]!, key: join(work, `k${k}.pem`), chain: answers.ca.intermediate, password: ENV.LYNCCERT_PFX_PASSWORD, out: `${ref}${i}.pfx` });
      }
    });
    console.log(`\n== whole path, 12-server topology (test/fixtures/topology/northwind.tbxml): ${records.length} requests, ${files} answer files, ${pfxCount} PFX in 13 kits ==`);
    const line = (label: string, ms: number, reference?: [string, number]) =>
      console.log(`${label.padEnd(44)}${ms.toFixed(0).padStart(8)} ms${reference ? `   | ${reference[0].padEnd(44)}${reference[1].toFixed(0).padStart(8)} ms` : ""}`);
    line("topology import", topology);
    line(`request --all (${records.length} RSA 2048 keys, encrypted)`, requests, [`openssl req -newkey rsa:2048, ${records.length}× (unencrypted)`, refRequests]);
    line(`import DIR (${answers.leaves.size} leaves, checked against plans)`, imported, [`openssl verify, ${answers.leaves.size}× (chain only)`, refVerify]);
    line(`kit (${pfxCount} PFX compat, scripts, READMEs)`, kits, [`openssl pkcs12 -export 3DES, ${pfxCount}×`, refPfx]);
    line("whole path", topology + requests + imported + kits, ["openssl, same crypto", refRequests + refVerify + refPfx]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
