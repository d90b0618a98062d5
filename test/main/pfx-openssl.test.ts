import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UnsupportedAlgorithmError, WrongPassphraseError } from "../../src-main/services/crypto/pbes2";
import { readPfx } from "../../src-main/services/pkcs12/pfx-reader";
import { writePfx } from "../../src-main/services/pkcs12/pfx-writer";
import { openssl, opensslStatus, selfSigned } from "../helpers/openssl";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ASCII = "Correct-Horse-42";
const NON_ASCII = "Grüße-Δέλτα-パス-🔑";

const INFO = {
  compat: [
    "MAC: sha1, Iteration 2048",
    "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048",
    "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048",
  ],
  modern: [
    "MAC: sha256, Iteration 2048",
    "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256",
    "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256",
  ],
} as const;

describe("PFX we write, as openssl reads it", () => {
  it.each([
    ["compat", "RSA", ["-newkey", "rsa:2048"], ASCII],
    ["compat", "RSA", ["-newkey", "rsa:2048"], NON_ASCII],
    ["compat", "EC", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"], NON_ASCII],
    ["modern", "RSA", ["-newkey", "rsa:2048"], ASCII],
    ["modern", "RSA", ["-newkey", "rsa:2048"], NON_ASCII],
    ["modern", "EC", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], ASCII],
  ] as const)("%s profile, %s key, password %s", async (profile, _kind, keyArgs, password) => {
    const dir = tempDir();
    const { pkcs8, der, keyFile, certFile } = selfSigned(dir, "/CN=lsedge.contoso.net", [...keyArgs]);
    const file = join(dir, "out.pfx");
    writeFileSync(file, await writePfx({ privateKey: pkcs8, certificates: [der], friendlyName: "LyncCert edge-internal lsedge 2026-11-25" }, password, profile));
    const info = openssl(["pkcs12", "-in", file, "-info", "-noout", "-passin", `pass:${password}`]);
    for (const line of INFO[profile]) expect(info).toContain(line);
    expect(info).not.toMatch(profile === "compat" ? /AES|PBES2|sha256/ : /TripleDES|RC2/);
    const dump = openssl(["pkcs12", "-in", file, "-nodes", "-passin", `pass:${password}`]);
    expect(dump).toContain("friendlyName: LyncCert edge-internal lsedge 2026-11-25");
    expect(dump.match(/localKeyID: [0-9A-F ]+/g)).toHaveLength(2);
    // The key inside is the certificate's key.
    const keyPub = openssl(["pkey", "-pubout"], dump.slice(dump.indexOf("-----BEGIN PRIVATE KEY")));
    expect(keyPub).toBe(openssl(["pkey", "-in", keyFile, "-pubout"]));
    expect(dump).toContain(readFileSync(certFile, "utf8").trim());
    expect(opensslStatus(["pkcs12", "-in", file, "-info", "-noout", "-passin", "pass:wrong-password"]).status).not.toBe(0);
  });
});

describe("PFX others write, as we read it", () => {
  it.each([
    ["openssl legacy-compatible layout", ["-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"], "pbeWithSHAAnd3-KeyTripleDES-CBC", "HMAC-SHA1"],
    ["OpenSSL 3 default layout", [], "PBES2 (PBKDF2, AES-256-CBC)", "HMAC-SHA256"],
  ])("%s", async (_name, args, encryption, mac) => {
    const dir = tempDir();
    const { pkcs8, der, keyFile, certFile } = selfSigned(dir, "/CN=lsedge.contoso.net");
    const file = join(dir, "theirs.pfx");
    openssl(["pkcs12", "-export", "-in", certFile, "-inkey", keyFile, "-out", file, "-passout", `pass:${NON_ASCII}`, "-name", "from openssl", ...args]);
    const read = await readPfx(readFileSync(file), NON_ASCII, file);
    expect(read.encryption).toEqual([encryption, encryption]);
    expect(read.mac).toContain(mac);
    expect(read.friendlyName).toBe("from openssl");
    expect(Buffer.from(read.certificates[0]!)).toEqual(der);
    expect(read.privateKey).toEqual(pkcs8);
    await expect(readPfx(readFileSync(file), "not the password", file)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it("RC2-40 (old Windows exports) is named, with how to re-export, never 'wrong password'", async () => {
    const dir = tempDir();
    const { keyFile, certFile } = selfSigned(dir, "/CN=lsedge.contoso.net");
    const file = join(dir, "rc2.pfx");
    openssl([
      "pkcs12",
      "-export",
      "-legacy",
      "-in",
      certFile,
      "-inkey",
      keyFile,
      "-out",
      file,
      "-passout",
      `pass:${ASCII}`,
      "-certpbe",
      "PBE-SHA1-RC2-40",
      "-keypbe",
      "PBE-SHA1-3DES",
    ]);
    const error = await readPfx(readFileSync(file), ASCII, file).catch((e) => e);
    expect(error).toBeInstanceOf(UnsupportedAlgorithmError);
    expect(error.message).toMatch(/encrypted with pbeWithSHAAnd40BitRC2-CBC \(RC2-40\), which LyncCert cannot read; re-export it on Windows with TripleDES/);
  });
});
