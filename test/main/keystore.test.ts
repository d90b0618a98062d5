import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decryptPrivateKeyInfo, WrongPassphraseError } from "../../src-main/services/crypto/pbes2";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { STORE_FILES } from "../../src-main/services/keystore/request-record";
import { createRequest } from "../../src-main/services/request-service";
import { openssl } from "../helpers/openssl";
import { exampleSite } from "../helpers/sites";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const PASS = "Grüße-aus-Köln-2026";

async function makeRequest(storeDir: string, out: string, key: "rsa2048" | "p384" = "rsa2048") {
  return createRequest({
    site: exampleSite(),
    planRequest: { role: "front-end", server: "fe01.contoso.net" },
    key,
    hash: undefined,
    subject: {},
    template: "WebServer",
    passphrase: PASS,
    store: new Keystore(storeDir),
    out,
    crlf: true,
    force: false,
  });
}

describe("keystore", () => {
  it("stores the key as PBES2/PBKDF2-HMAC-SHA256 (600,000 iterations)/AES-256-CBC that openssl opens, matching the CSR", async () => {
    const dir = tempDir();
    const result = await makeRequest(dir, join(dir, "fe01.req"));
    const keyFile = join(dir, "requests", result.id, STORE_FILES.key);
    const asn1 = openssl(["asn1parse", "-in", keyFile]);
    expect(asn1).toContain("PBES2");
    expect(asn1).toContain("PBKDF2");
    expect(asn1).toContain("hmacWithSHA256");
    expect(asn1).toContain("aes-256-cbc");
    expect(asn1).toMatch(/INTEGER\s+:0927C0\b/); // 600,000 iterations
    const keyPub = openssl(["pkey", "-in", keyFile, "-passin", `pass:${PASS}`, "-pubout"]);
    const csrPub = openssl(["req", "-in", join(dir, "fe01.req"), "-pubkey", "-noout"]);
    expect(keyPub).toBe(csrPub);
    expect(() => openssl(["pkey", "-in", keyFile, "-passin", "pass:wrong-passphrase", "-noout"])).toThrow();
  });

  it("opens its own keys without blocking and says 'wrong keystore passphrase' for a wrong one", async () => {
    const dir = tempDir();
    const result = await makeRequest(dir, join(dir, "a.req"), "p384");
    const der = await new Keystore(dir).encryptedKeyDer(result.id);
    const pkcs8 = await decryptPrivateKeyInfo(der, PASS, result.id);
    expect(openssl(["pkey", "-inform", "DER", "-noout", "-text"], pkcs8)).toContain("NIST CURVE: P-384");
    await expect(decryptPrivateKeyInfo(der, "not-the-passphrase", result.id)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it("writes private files owner-only, the .req with CRLF when asked", async () => {
    const dir = tempDir();
    const result = await makeRequest(dir, join(dir, "a.req"));
    const entry = join(dir, "requests", result.id);
    expect(statSync(join(entry, STORE_FILES.key)).mode & 0o777).toBe(0o600);
    expect(statSync(entry).mode & 0o777).toBe(0o700);
    const req = readFileSync(join(dir, "a.req"), "latin1");
    expect(req.startsWith("-----BEGIN CERTIFICATE REQUEST-----\r\n")).toBe(true);
    expect(req.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("never overwrites an existing .req silently", async () => {
    const dir = tempDir();
    const out = join(dir, "existing.req");
    writeFileSync(out, "precious");
    await expect(makeRequest(dir, out)).rejects.toThrow(/existing.req already exists; choose another name or pass --force/);
    expect(readFileSync(out, "utf8")).toBe("precious");
  });

  it("a process killed mid-write leaves the store readable and loses nothing already written", async () => {
    const dir = tempDir();
    const writer = fileURLToPath(new URL("./fixtures/store-writer.ts", import.meta.url));
    for (let round = 0; round < 4; round++) {
      const before = (await new Keystore(dir).list()).requests.map((r) => r.record.id);
      const child = spawn(process.execPath, ["--import", "tsx", writer, dir], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((resolve) => {
        let writes = 0;
        child.stdout.on("data", (chunk: Buffer) => {
          writes += chunk.toString().split("\n").filter(Boolean).length;
          // Kill at a different point of the write sequence each round.
          if (writes >= 2) setTimeout(() => child.kill("SIGKILL"), round * 3);
        });
        child.on("exit", () => resolve());
      });
      const { requests, damaged } = await new Keystore(dir).list();
      expect(damaged).toEqual([]);
      const ids = requests.map((r) => r.record.id);
      expect(ids).toEqual(expect.arrayContaining(before));
      expect(ids.length).toBeGreaterThan(before.length);
      for (const id of ids) expect(readdirSync(join(dir, "requests", id)).sort()).toEqual([STORE_FILES.key, STORE_FILES.record, STORE_FILES.csr].sort());
    }
  });
});
