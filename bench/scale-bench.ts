import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answerEveryRequest, storedRecords } from "../test/helpers/ca-answers";
import { cli } from "../test/helpers/cli";
import { openssl, opensslCompatPfx } from "../test/helpers/openssl";
import { scaleSiteJson } from "../test/helpers/scale-site";
import { TestCa } from "../test/helpers/test-ca";

const ENV = { LYNCCERT_PASSPHRASE: "scale-bench-passphrase", LYNCCERT_PFX_PASSWORD: "Scale-Bench-Password-1" };
const SIZES = [8, 32, 128, 256, 512];
/** openssl's per-certificate cost is the same at any size: measured once, on this many. */
const REFERENCE_SAMPLE = 16;

async function timed(args: string[], expectCodes: number[] = [0]): Promise<number> {
  const started = performance.now();
  const r = await cli(args, ENV);
  if (!expectCodes.includes(r.code)) throw new Error(`lynccert ${args[0]} exited ${r.code}: ${r.err}`);
  return performance.now() - started;
}

function timedSync(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** openssl doing each step's cryptographic work for one certificate, one process at a time: ms per certificate. */
function opensslPerCertificate(work: string): { request: number; verify: number; pfx: number } {
  const ca = TestCa.create(join(work, "ref-ca"));
  const n = REFERENCE_SAMPLE;
  const key = (i: number) => join(work, `ref${i}.key`);
  const csr = (i: number) => join(work, `ref${i}.csr`);
  const request = timedSync(() => {
    for (let i = 0; i < n; i++) openssl(["req", "-new", "-newkey", "rsa:2048", "-noenc", "-keyout", key(i), "-out", csr(i), "-subj", `/CN=fe${i}.contoso.net`]);
  });
  const leaves = Array.from({ length: n }, (_, i) => ca.issue(csr(i), join(work, `ref${i}.pem`), { san: [`fe${i}.contoso.net`] }));
  const verify = timedSync(() => leaves.forEach((leaf) => openssl(["verify", "-CAfile", ca.root, "-untrusted", ca.intermediate, leaf])));
  const pfx = timedSync(() => leaves.forEach((leaf, i) => opensslCompatPfx({ leaf, key: key(i), chain: ca.intermediate, password: "x", out: join(work, `ref${i}.pfx`) })));
  return { request: request / n, verify: verify / n, pfx: pfx / n };
}

/**
 * Sites of 8 to 512 servers through the whole round (plan --all, request --all, import of the CA's answers,
 * kit), each step per certificate, so that growth with the site's size shows at a glance; openssl's cost for
 * the same cryptographic work per certificate beside it.
 */
export async function scaleBench(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "lynccert-scale-bench-"));
  try {
    const ref = opensslPerCertificate(work);
    console.log(`\n== scale: the whole round per certificate, by site size (RSA 2048; in one process) ==`);
    const head = ["servers", "certs", "plan --all", "request --all", "import DIR", "kit", "import vs 32"];
    console.log(head.map((h, i) => (i < 2 ? h.padStart(8) : h.padStart(14))).join(""));
    let import32: number | undefined;
    for (const servers of SIZES) {
      const dir = join(work, `site-${servers}`);
      const store = join(dir, "store");
      const site = join(work, `site-${servers}.json`);
      writeFileSync(site, JSON.stringify(scaleSiteJson(servers)));
      const plan = await timed(["plan", "--all", "--site", site]);
      const request = await timed(["request", "--all", "--site", site, "--store", store]);
      const certs = storedRecords(store).length;
      const answers = answerEveryRequest(store, dir);
      const imported = await timed(["import", answers.dir, "--store", store]);
      const kit = await timed(["kit", "--site", site, "--store", store, "--out-dir", join(dir, "kits")], [0, 1]);
      const perImport = imported / certs;
      if (servers === 32) import32 = perImport;
      const cells = [plan, request, imported, kit].map((ms) => `${(ms / certs).toFixed(2)} ms`.padStart(14));
      console.log(`${String(servers).padStart(8)}${String(certs).padStart(8)}${cells.join("")}${(import32 ? `${(perImport / import32).toFixed(2)}×` : "-").padStart(14)}`);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      `${"openssl, per certificate".padEnd(16)}${"".padStart(14)}${`${ref.request.toFixed(1)} ms`.padStart(14)}${`${ref.verify.toFixed(1)} ms`.padStart(14)}${`${ref.pfx.toFixed(1)} ms`.padStart(14)}   (req -newkey rsa:2048 | verify | pkcs12 -export 3DES; one process each)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
