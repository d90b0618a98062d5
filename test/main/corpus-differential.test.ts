import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { certificateFacts, type CertificateFacts } from "../../shared/x509/certificate-facts";
import { readCertificateInput } from "../../shared/x509/certificate-input";
import { findPython } from "../helpers/test-tools";

const PYTHON = findPython() ?? "python3";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/zlint-testdata", import.meta.url));
const PYTHON_FACTS = fileURLToPath(new URL("../helpers/python-facts.py", import.meta.url));

type Facts = Record<string, unknown>;

/** The same fields as python-facts.py, from LyncCert's own reading. */
function ours(facts: CertificateFacts): Facts {
  const key = facts.key;
  return {
    serial: facts.serial.replace(/^0+(?=.)/, ""),
    notBefore: facts.notBefore.toISOString().replace(/\.\d{3}Z$/, "Z"),
    notAfter: facts.notAfter.toISOString().replace(/\.\d{3}Z$/, "Z"),
    sanDns: facts.sanDns,
    eku: facts.eku,
    // Only URIs: a CDP may also name a directory entry, which cryptography does not list among the URIs.
    cdp: facts.cdpUrls?.filter((u) => !u.startsWith("DirName:")) ?? null,
    signatureOid: facts.signatureOid,
    key: key.kind === "rsa" ? `rsa ${key.bits}` : key.kind === "ec" ? `ec ${key.curve}` : key.kind,
    cn: facts.subjectCns,
  };
}

const CURVE_NAMES: Record<string, string> = { secp224r1: "P-224", secp256r1: "P-256", secp384r1: "P-384", secp521r1: "P-521" };

/**
 * Differences that are known and right, each with its reason. cryptography cannot represent a negative
 * serial (RFC 5280 forbids them); LyncCert shows the serial's DER bytes in hex, as Windows does.
 */
const LISTED: Record<string, string> = {
  "issuerUID.pem serial": "negative serial: cryptography reports none, LyncCert the DER bytes",
  "serialNumberNegative.pem serial": "negative serial: cryptography reports none, LyncCert the DER bytes",
};

describe("differential: LyncCert's certificate facts equal Python cryptography's over the whole corpus", () => {
  it.skipIf(!existsSync(CORPUS))(
    "serial, validity, SAN dNSNames, EKU, CDP URIs, signature algorithm, key, subject CN",
    () => {
      const py = spawnSync(PYTHON, [PYTHON_FACTS, CORPUS], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      expect(py.status, py.stderr).toBe(0);
      const differences: string[] = [];
      let compared = 0;
      for (const line of py.stdout.trim().split("\n")) {
        const theirs = JSON.parse(line) as Facts & { file: string; unreadable?: string };
        if (theirs.unreadable) continue;
        let mine: Facts;
        try {
          mine = ours(certificateFacts(readCertificateInput(new Uint8Array(readFileSync(join(CORPUS, theirs.file))), theirs.file).certificates[0]!));
        } catch (e) {
          differences.push(`${theirs.file}: LyncCert cannot read it (${(e as Error).message.split("\n")[0]})`);
          continue;
        }
        compared++;
        if (typeof theirs.key === "string") theirs.key = theirs.key.replace(/^ec (\w+)$/, (_, c: string) => `ec ${CURVE_NAMES[c] ?? c}`);
        for (const [field, value] of Object.entries(theirs)) {
          if (field === "file" || (value !== null && typeof value === "object" && "error" in value)) continue;
          if (JSON.stringify(mine[field]) !== JSON.stringify(value) && !LISTED[`${theirs.file} ${field}`])
            differences.push(`${theirs.file} ${field}: LyncCert ${JSON.stringify(mine[field])}, cryptography ${JSON.stringify(value)}`);
        }
      }
      expect(compared).toBeGreaterThan(1000);
      expect(differences).toEqual([]);
    },
    120_000,
  );
});
