import { spawnSync } from "node:child_process";
import { webcrypto } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePemBlocks, toPem } from "../shared/codec/pem";
import { validate } from "../shared/validator/validate";
import { certificateFacts } from "../shared/x509/certificate-facts";
import { readCertificateInput } from "../shared/x509/certificate-input";
import { nodeSignatureCheck } from "../src-main/services/crypto/signature-check";

const CORPUS = fileURLToPath(new URL("../../shared/corpus/zlint-testdata", import.meta.url));

/**
 * `verify`'s work (decode, facts, every rule that needs no topology, signature of self-signed ones) over
 * the zlint corpus in one process, beside openssl parsing and printing the same certificates in one
 * pipeline (`crl2pkcs7 -nocrl | pkcs7 -print_certs -text`).
 */
export async function verifyBench(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`\n== verify: corpus not found at ${CORPUS}; skipped ==`);
    return;
  }
  const ders = readdirSync(CORPUS)
    .filter((f) => f.endsWith(".pem"))
    .flatMap((f) =>
      parsePemBlocks(readFileSync(join(CORPUS, f), "utf8"))
        .filter((b) => b.label === "CERTIFICATE")
        .map((b) => b.der),
    )
    .filter(parses);
  const dir = mkdtempSync(join(tmpdir(), "lynccert-verify-bench-"));
  try {
    const all = join(dir, "ALL.pem");
    writeFileSync(all, ders.map((d) => toPem("CERTIFICATE", d)).join(""));
    const crypto = webcrypto as unknown as Crypto;
    const ours: number[] = [];
    const opensslRuns: number[] = [];
    const files = ders.map(toPemBytes);
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      for (const bytes of files) {
        const input = readCertificateInput(bytes, "bench.pem");
        await validate({
          certificates: input.certificates.map(certificateFacts),
          plan: undefined,
          at: new Date(),
          crypto,
          checkSignature: nodeSignatureCheck,
          keyMatch: async () => ({ status: "not-checked", why: "bench" }),
        });
      }
      ours.push(performance.now() - start);
      const t = performance.now();
      const r = spawnSync("sh", ["-c", `openssl crl2pkcs7 -nocrl -certfile "${all}" | openssl pkcs7 -print_certs -text -noout > /dev/null`]);
      if (r.status !== 0) throw new Error(`openssl pipeline failed: ${r.stderr}`);
      opensslRuns.push(performance.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const o = median(ours);
    const s = median(opensslRuns);
    console.log(`\n== verify over the zlint corpus: ${ders.length} certificates that parse, one process, median of 5 ==`);
    console.log(`${"lynccert verify (all topology-free rules)".padEnd(58)}${o.toFixed(0).padStart(8)} ms  ${((ders.length / o) * 1000).toFixed(0)} certificates/s`);
    console.log(`${"openssl crl2pkcs7 | pkcs7 -print_certs -text".padEnd(58)}${s.toFixed(0).padStart(8)} ms  ${((ders.length / s) * 1000).toFixed(0)} certificates/s`);
    console.log(`   ratio lynccert / openssl: ${(o / s).toFixed(2)} (target: under 3)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parses(der: Uint8Array): boolean {
  try {
    certificateFacts(der);
    return true;
  } catch {
    return false;
  }
}

function toPemBytes(der: Uint8Array): Uint8Array {
  return new TextEncoder().encode(toPem("CERTIFICATE", der));
}
