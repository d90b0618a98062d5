import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { exportPfx } from "../../src-main/services/export-service";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const dir = mkdtempSync(join(tmpdir(), "lynccert-export-"));
const store = join(dir, "store");
const PFX_PASSWORD = "Pfx-Pässword-2026";
const ENV = { LYNCCERT_PASSPHRASE: "keystore-passphrase", LYNCCERT_PFX_PASSWORD: PFX_PASSWORD };
let id: string;
let pending: string;

beforeAll(async () => {
  const made = await cli(
    [
      "request",
      "--site",
      EXAMPLE_SITE_PATH,
      "--role",
      "edge-external",
      "--types",
      "AccessEdgeExternal,DataEdgeExternal,AudioVideoAuthentication",
      "--store",
      store,
      "--out",
      join(dir, "edge.req"),
      "--json",
    ],
    ENV,
  );
  id = JSON.parse(made.out).id;
  pending = JSON.parse((await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "edge-internal", "--store", store, "--out", join(dir, "int.req"), "--json"], ENV)).out).id;
  const ca = TestCa.create(join(dir, "ca"));
  const leaf = ca.issue(join(dir, "edge.req"), join(dir, "edge.pem"), { san: ["sip.contoso.com", "webcon.contoso.com", "sip.fabrikam.com", "contoso.com", "xmpp.contoso.com"] });
  const p7b = join(dir, "edge.p7b");
  openssl(["crl2pkcs7", "-nocrl", "-certfile", leaf, "-certfile", ca.intermediate, "-certfile", ca.root, "-out", p7b]);
  const imported = await cli(["import", p7b, "--store", store], ENV);
  expect(imported.code, imported.out).toBe(0);
}, 120_000);

describe("lynccert export", () => {
  it("writes a compat PFX that openssl reads with exactly the compat algorithms, the chain with the root an Edge Server needs (EDGE-INT-CHAIN), and the install script", async () => {
    const pfx = join(dir, "edge.pfx");
    const ps1 = join(dir, "install-edge.ps1");
    const r = await cli(["export", id, "--store", store, "--pfx", pfx, "--ps1", ps1, "--json"], ENV);
    expect(r.err).toBe("");
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({
      certificates: 3,
      note: expect.stringMatching(/EDGE-INT-CHAIN/),
      profile: "compat",
      friendlyName: expect.stringMatching(/^LyncCert edge-external lsedge.contoso.net \d{4}-\d\d-\d\d [0-9A-F]{8}$/),
    });
    const info = openssl(["pkcs12", "-in", pfx, "-info", "-noout", "-passin", `pass:${PFX_PASSWORD}`]);
    expect(info).toContain("MAC: sha1");
    expect(info).toContain("pbeWithSHA1And3-KeyTripleDES-CBC");
    expect(info).not.toContain("AES");
    const dump = openssl(["pkcs12", "-in", pfx, "-nodes", "-passin", `pass:${PFX_PASSWORD}`]);
    expect(dump.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(dump).toContain(`friendlyName: ${result.friendlyName}`);
    const keyPub = openssl(["pkey", "-pubout"], dump.slice(dump.indexOf("-----BEGIN PRIVATE KEY")));
    expect(keyPub).toBe(openssl(["req", "-in", join(dir, "edge.req"), "-pubkey", "-noout"]));
    const script = readFileSync(ps1, "utf8");
    expect(script.startsWith("\uFEFF#Requires -Version 3.0\r\n# LyncCert: install the edge-external certificate")).toBe(true);
    // The chain beside the PFX, for the script to install without opening the PFX: the issuing CA and the root.
    const chain = openssl(["pkcs7", "-inform", "DER", "-in", join(dir, "edge.chain.p7b"), "-print_certs", "-noout"]);
    expect(
      chain
        .split("\n")
        .filter((l) => l.startsWith("subject="))
        .sort(),
    ).toEqual(["subject=O = Contoso, CN = Contoso Test Issuing CA", "subject=O = Contoso, CN = Contoso Test Root CA"]);
    expect(script).toContain("Import-IssuerChain (Join-Path $files 'edge.chain.p7b')");
    expect(script).toContain(`$thumbprint = '${result.thumbprint}'`);
    expect(script).toContain("$pending = @('AccessEdgeExternal', 'DataEdgeExternal' | Where-Object { -not (Test-Assigned $_ @{}) })");
    expect(script).toContain("Set-CsCertificate -Type $pending -Thumbprint $thumbprint");
    expect(dump).toContain("Microsoft CSP Name: Microsoft RSA SChannel Cryptographic Provider");
    expect(script).toContain("Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint -Roll -EffectiveDate $effective");
    expect(script).toContain("-PrivateKeyExportable $true");
    expect(script).toContain("$PfxPath = Join-Path $here 'edge.pfx'");
    expect(script.split("\r\n").length).toBeGreaterThan(20);
    expect(script.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("writes a modern PFX with the root when asked", async () => {
    const pfx = join(dir, "edge-modern.pfx");
    expect((await cli(["export", id, "--store", store, "--pfx", pfx, "--profile", "modern", "--include-root"], ENV)).code).toBe(0);
    const info = openssl(["pkcs12", "-in", pfx, "-info", "-noout", "-passin", `pass:${PFX_PASSWORD}`]);
    expect(info).toContain("MAC: sha256");
    expect(info).toContain("PBES2, PBKDF2, AES-256-CBC");
    expect(openssl(["pkcs12", "-in", pfx, "-nokeys", "-passin", `pass:${PFX_PASSWORD}`]).match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    const inspected = JSON.parse((await cli(["inspect", pfx, "--json"], ENV)).out);
    expect(inspected).toMatchObject({ mac: "HMAC-SHA256, 2048 iterations", encryption: ["PBES2 (PBKDF2, AES-256-CBC)"], privateKey: "rsa 2048", certificates: 3 });
  });

  it("writes a PEM bundle, leaf first, with the key encrypted or, only behind its flag, in clear", async () => {
    const pem = join(dir, "edge.pem.bundle");
    expect((await cli(["export", id, "--store", store, "--pem", pem], ENV)).code).toBe(0);
    const text = readFileSync(pem, "utf8");
    expect(text.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(text).not.toContain("PRIVATE KEY");
    expect(openssl(["x509", "-noout", "-subject"], text)).toContain("CN = sip.contoso.com");

    const withKey = join(dir, "edge-key.pem");
    expect((await cli(["export", id, "--store", store, "--pem", withKey, "--with-key"], ENV)).code).toBe(0);
    expect(readFileSync(withKey, "utf8")).toContain("BEGIN ENCRYPTED PRIVATE KEY");
    expect(openssl(["pkey", "-in", withKey, "-passin", `pass:${PFX_PASSWORD}`, "-pubout"])).toBe(openssl(["req", "-in", join(dir, "edge.req"), "-pubkey", "-noout"]));

    const clear = join(dir, "edge-clear.pem");
    expect((await cli(["export", id, "--store", store, "--pem", clear, "--unencrypted-key"], ENV)).err).toMatch(/--unencrypted-key needs --with-key/);
    const inClear = await cli(["export", id, "--store", store, "--pem", clear, "--with-key", "--unencrypted-key"], ENV);
    expect(inClear.code).toBe(0);
    expect(inClear.err).toMatch(/edge-clear.pem holds the private key in clear text/);
    expect(readFileSync(clear, "utf8")).toContain("BEGIN PRIVATE KEY");
  });

  it("refuses what would lose or expose something", async () => {
    const existing = join(dir, "existing.pfx");
    writeFileSync(existing, "keep me");
    const over = await cli(["export", id, "--store", store, "--pfx", existing], ENV);
    expect(over).toMatchObject({ code: 2, err: expect.stringMatching(/existing.pfx already exists; choose another name or pass --force/) });
    expect(readFileSync(existing, "utf8")).toBe("keep me");
    expect((await cli(["export", pending, "--store", store, "--pfx", join(dir, "p.pfx")], ENV)).err).toMatch(/has no certificate yet: import the CA's answer first/);
    expect((await cli(["export", id, "--store", store, "--pfx", join(dir, "w.pfx")], { ...ENV, LYNCCERT_PASSPHRASE: "not-the-passphrase" })).err).toMatch(
      /wrong keystore passphrase: it does not open the key of request/,
    );
    expect((await cli(["export", id, "--store", store, "--pfx", join(dir, "s.pfx")], { ...ENV, LYNCCERT_PFX_PASSWORD: "short" })).err).toMatch(
      /PFX password needs at least 12 characters/,
    );
    expect((await cli(["export", id, "--store", store, "--pfx", join(dir, "x.pfx"), "--profile", "aes"], ENV)).err).toMatch(
      /--profile aes: use compat \(Windows Server 2008 R2 – 2016\) or modern/,
    );
    expect((await cli(["inspect", join(dir, "edge.pfx")], { LYNCCERT_PFX_PASSWORD: "wrong-password!" })).err).toMatch(/edge.pfx: wrong password/);
  });

  it("the app's save dialog confirms the PFX only: an existing script beside it is never replaced silently", async () => {
    const pfx = join(dir, "app.pfx");
    const ps1 = join(dir, "app.ps1");
    writeFileSync(pfx, "replace me (the dialog asked)");
    writeFileSync(ps1, "keep me (nobody asked)");
    const exported = exportPfx({
      store: new Keystore(store),
      id,
      keystorePassphrase: ENV.LYNCCERT_PASSPHRASE,
      password: PFX_PASSWORD,
      includeRoot: false,
      friendlyName: undefined,
      force: true,
      forceScript: false,
      ps1,
      out: pfx,
      profile: "compat",
    });
    await expect(exported).rejects.toThrow(/app.ps1 already exists/);
    expect(readFileSync(ps1, "utf8")).toBe("keep me (nobody asked)");
    expect(readFileSync(pfx, "utf8")).toBe("replace me (the dialog asked)");
  });

  it("checks every output before writing any: an existing script or a hostile friendly name leaves no PFX behind", async () => {
    const ps1 = join(dir, "keep.ps1");
    writeFileSync(ps1, "keep me");
    const pfx = join(dir, "not-written.pfx");
    const refused = await cli(["export", id, "--store", store, "--pfx", pfx, "--ps1", ps1], ENV);
    expect(refused).toMatchObject({ code: 2, err: expect.stringMatching(/keep.ps1 already exists/) });
    expect(existsSync(pfx)).toBe(false);
    expect(readFileSync(ps1, "utf8")).toBe("keep me");

    const hostile = await cli(["export", id, "--store", store, "--pfx", pfx, "--ps1", join(dir, "new.ps1"), "--friendly-name", "Edge\r\nSet-CsCertificate -Type Default"], ENV);
    expect(hostile).toMatchObject({ code: 2, err: expect.stringMatching(/friendly name: contains the control or line-break character U\+000D/) });
    expect(existsSync(pfx)).toBe(false);
  });

  it("a leaf-only certificate is exported with a note that the issuing CA's certificate is missing (X509-CHAIN)", async () => {
    const made = JSON.parse(
      (
        await cli(
          ["request", "--site", EXAMPLE_SITE_PATH, "--role", "mediation", "--server", "medsvr01.contoso.net", "--store", store, "--out", join(dir, "med.req"), "--json"],
          ENV,
        )
      ).out,
    );
    // Another CA, whose certificates the keystore has never seen: nothing can complete the chain.
    const other = TestCa.create(join(dir, "other-ca"));
    const leaf = other.issue(join(dir, "med.req"), join(dir, "med.pem"), { san: made.plan.san.map((n: { name: string }) => n.name) });
    expect((await cli(["import", leaf, "--store", store], ENV)).code).toBe(0);
    const r = await cli(["export", made.id, "--store", store, "--pfx", join(dir, "med.pfx"), "--json"], ENV);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      certificates: 1,
      note: expect.stringMatching(/^the issuing CA's certificate \(CN=Contoso Test Issuing CA, O=Contoso\) is missing, so this holds the certificate alone .* \(X509-CHAIN\)$/),
    });
  });
});
