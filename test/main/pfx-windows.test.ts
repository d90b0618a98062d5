import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { passwordForm } from "../../shared/crypto/password-form";
import { deriveKey } from "../../src-main/services/crypto/derive-key";
import { decryptPrivateKeyInfo, encryptPrivateKeyInfo } from "../../src-main/services/crypto/pbes2";
import { readPfx } from "../../src-main/services/pkcs12/pfx-reader";
import { writePfx } from "../../src-main/services/pkcs12/pfx-writer";
import { toPem } from "../../shared/codec/pem";
import { openssl, selfSigned } from "../helpers/openssl";
import { useTempDirs } from "../helpers/temp-dir";
import { findPython } from "../helpers/test-tools";

const PYTHON = findPython() ?? "python3";

const tempDir = useTempDirs();

/** Python's cryptography (Debian's python3-cryptography), the second independent judge. */
function pythonReadsPfx(file: string, password: string): string {
  const script =
    "import sys\nfrom cryptography.hazmat.primitives.serialization import pkcs12\nk, c, _ = pkcs12.load_key_and_certificates(open(sys.argv[1], 'rb').read(), sys.argv[2].encode('utf-8'))\nprint(type(k).__name__, c.subject.rfc4514_string())";
  const r = spawnSync(PYTHON, ["-c", script, file, password], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 cryptography could not read ${file}: ${r.stderr}`);
  return r.stdout.trim();
}

const RSA = ["-newkey", "rsa:2048"];
const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];

describe("PFX key provider (Lync Server 2013 uses only CryptoAPI keys)", () => {
  it.each(["compat", "modern"] as const)("%s profile: the RSA key bag names the Microsoft RSA SChannel CSP, as openssl pkcs12 -info shows", async (profile) => {
    const dir = tempDir();
    const { pkcs8, der } = selfSigned(dir, "/CN=fe01.contoso.net", RSA);
    const file = join(dir, "rsa.pfx");
    writeFileSync(file, await writePfx({ privateKey: pkcs8, certificates: [der], friendlyName: "LyncCert fe01" }, "Correct-Horse-42", profile));
    const dump = openssl(["pkcs12", "-in", file, "-nodes", "-passin", "pass:Correct-Horse-42"]);
    const keyBag = dump.slice(dump.lastIndexOf("-----END CERTIFICATE-----"), dump.indexOf("-----BEGIN PRIVATE KEY"));
    expect(keyBag).toContain("Microsoft CSP Name: Microsoft RSA SChannel Cryptographic Provider");
    // Only the key bag carries it, as in Windows' own exports.
    expect(dump.match(/Microsoft CSP Name/g)).toHaveLength(1);
  });

  it("an ECDSA key bag names the CNG software key storage provider, the only place Windows keeps ECDSA keys (LC-ECDSA-CNG)", async () => {
    const dir = tempDir();
    const { pkcs8, der } = selfSigned(dir, "/CN=fe01.contoso.net", EC);
    const file = join(dir, "ec.pfx");
    writeFileSync(file, await writePfx({ privateKey: pkcs8, certificates: [der], friendlyName: "LyncCert ec" }, "Correct-Horse-42", "compat"));
    expect(openssl(["pkcs12", "-in", file, "-nodes", "-passin", "pass:Correct-Horse-42"])).toContain("Microsoft CSP Name: Microsoft Software Key Storage Provider");
  });
});

describe("passwords with combining characters: one form (NFC) for bags, MAC and PEM keys", () => {
  const precomposed = "Zürich-Göteborg-2026";
  const decomposed = precomposed.normalize("NFD");

  it("the two spellings differ as typed and agree once normalised", () => {
    expect(decomposed).not.toBe(precomposed);
    expect(passwordForm(decomposed)).toBe(precomposed);
  });

  it.each([
    ["compat", "decomposed", decomposed],
    ["compat", "precomposed", precomposed],
    ["modern", "decomposed", decomposed],
    ["modern", "precomposed", precomposed],
  ] as const)("%s PFX made with the %s password opens in openssl, Python's cryptography and LyncCert with the typed (precomposed) password", async (profile, _form, password) => {
    const dir = tempDir();
    const { pkcs8, der } = selfSigned(dir, "/CN=fe01.contoso.net", RSA);
    const file = join(dir, "p.pfx");
    writeFileSync(file, await writePfx({ privateKey: pkcs8, certificates: [der], friendlyName: "LyncCert fe01" }, password, profile));
    expect(openssl(["pkcs12", "-in", file, "-info", "-noout", "-passin", `pass:${precomposed}`])).toContain("MAC:");
    expect(pythonReadsPfx(file, precomposed)).toBe("RSAPrivateKey CN=fe01.contoso.net");
    for (const typed of [precomposed, decomposed]) expect((await readPfx(new Uint8Array(readFileSync(file)), typed, file)).privateKey).toEqual(pkcs8);
  });

  it.each([
    ["decomposed", decomposed],
    ["precomposed", precomposed],
  ])("a PEM key encrypted with the %s password opens in openssl and Python's cryptography with the precomposed one", async (_form, password) => {
    const dir = tempDir();
    const { pkcs8 } = selfSigned(dir, "/CN=fe01.contoso.net", RSA);
    const file = join(dir, "key.pem");
    const encrypted = encryptPrivateKeyInfo(await deriveKey(password, 10_000), pkcs8);
    writeFileSync(file, toPem("ENCRYPTED PRIVATE KEY", encrypted));
    expect(openssl(["pkey", "-in", file, "-passin", `pass:${precomposed}`, "-noout", "-text"])).toContain("Private-Key: (2048 bit");
    const py = spawnSync(
      PYTHON,
      [
        "-c",
        "import sys\nfrom cryptography.hazmat.primitives.serialization import load_pem_private_key\nprint(load_pem_private_key(open(sys.argv[1],'rb').read(), sys.argv[2].encode()).key_size)",
        file,
        precomposed,
      ],
      { encoding: "utf8" },
    );
    expect(py.stdout.trim()).toBe("2048");
    expect(await decryptPrivateKeyInfo(encrypted, decomposed, "key")).toEqual(pkcs8);
  });
});
