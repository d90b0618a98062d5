import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { planCertificate } from "../shared/planner/plan";
import { parseSite } from "../shared/site/parse-site";
import { readFileSync } from "node:fs";
import { row, timeCommands, timeInterleaved } from "./measure";

const root = fileURLToPath(new URL("..", import.meta.url));
const SITE = join(root, "examples/contoso.site.json");
const BIN = join(root, "bin/lynccert.cjs");
const FLOOR = join(root, "bench/node-floor.cjs");
const PASS = "bench-passphrase";

const CASES = [
  { key: "rsa2048", openssl: "rsa:2048", runs: 21 },
  { key: "rsa4096", openssl: "rsa:4096", runs: 31 },
  { key: "p256", openssl: "ec", ecParam: "prime256v1", runs: 21 },
] as const;

/**
 * `lynccert request` (new process each time: cold start, keygen, CSR, PBKDF2 600k key encryption,
 * store write) against `openssl req -new -newkey` with the same subject and SANs, and against openssl
 * doing the same work (req, then pkcs8 at 600,000 PBKDF2-SHA256 iterations), and against the least a Node
 * program takes for that work (bench/node-floor.cjs); interleaved, so that the machine's drift affects all alike.
 */
export function requestBench(): void {
  const site = parseSite(JSON.parse(readFileSync(SITE, "utf8")));
  const plan = planCertificate(site, { role: "front-end", server: "fe01.contoso.net" });
  const san = "subjectAltName=" + plan.san.map((n) => `DNS:${n.name}`).join(",");
  const dir = mkdtempSync(join(tmpdir(), "lynccert-bench-"));
  try {
    console.log(`\n== lynccert request vs openssl req (front-end fe01, ${plan.san.length} SANs); median wall time per request, new process each ==`);
    console.log(row(timeCommands("node -e 0 (Node start-up alone, for reference)", 11, () => [{ cmd: process.execPath, args: ["-e", "0"] }])));
    console.log(row(timeCommands("lynccert roles (CLI cold start)", 11, () => [{ cmd: process.execPath, args: [BIN, "roles"] }])));
    for (const c of CASES) {
      const newkey = c.openssl === "ec" ? ["-newkey", "ec", "-pkeyopt", `ec_paramgen_curve:${c.ecParam}`] : ["-newkey", c.openssl];
      const opensslReq = (i: number) => ({
        cmd: "openssl",
        args: [
          "req",
          "-new",
          ...newkey,
          "-noenc",
          "-keyout",
          join(dir, `o${i}.key`),
          "-out",
          join(dir, `o${i}.req`),
          "-subj",
          `/CN=${plan.cn}`,
          "-addext",
          san,
          "-addext",
          "extendedKeyUsage=serverAuth",
          "-addext",
          "keyUsage=critical,digitalSignature,keyEncipherment",
          "-sha256",
        ],
      });
      const oursSteps = (i: number) => [
        {
          cmd: process.execPath,
          args: [
            BIN,
            "request",
            "--site",
            SITE,
            "--role",
            "front-end",
            "--server",
            "fe01.contoso.net",
            "--key",
            c.key,
            "--store",
            join(dir, "store"),
            "--out",
            join(dir, `l-${c.key}-${i}.req`),
          ],
          env: { LYNCCERT_PASSPHRASE: PASS },
        },
      ];
      const sameSteps = (i: number) => [
        opensslReq(i + 1000),
        {
          cmd: "openssl",
          args: [
            "pkcs8",
            "-topk8",
            "-v2",
            "aes-256-cbc",
            "-v2prf",
            "hmacWithSHA256",
            "-iter",
            "600000",
            "-in",
            join(dir, `o${i + 1000}.key`),
            "-out",
            join(dir, `o${i + 1000}.p8`),
            "-passout",
            `pass:${PASS}`,
          ],
        },
      ];
      const [ours, plain, same, floor] = timeInterleaved(c.runs, [
        { label: `lynccert request --key ${c.key}`, steps: oursSteps },
        { label: `openssl req -new -newkey ${c.openssl} -noenc`, steps: (i) => [opensslReq(i)] },
        { label: `openssl req + pkcs8 -iter 600000 (same work)`, steps: sameSteps },
        { label: `node: PBKDF2 + keygen + write only (Node's floor)`, steps: (i) => [{ cmd: process.execPath, args: [FLOOR, c.key, join(dir, `n-${c.key}-${i}.bin`)] }] },
      ]);
      console.log(`-- ${c.key}`);
      for (const t of [ours, plain, same, floor!]) console.log(row(t));
      console.log(
        `   ratio lynccert / openssl req: ${(ours.medianMs / plain.medianMs).toFixed(2)}   ratio lynccert / openssl same work: ${(ours.medianMs / same.medianMs).toFixed(2)}`,
      );
      console.log(
        `   ratio Node's floor / openssl same work: ${(floor!.medianMs / same.medianMs).toFixed(2)}   ratio lynccert / Node's floor: ${(ours.medianMs / floor!.medianMs).toFixed(2)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
