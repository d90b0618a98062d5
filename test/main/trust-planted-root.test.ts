import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { openssl, selfSigned } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const PFX_PASSWORD = "Pfx-Pässword-2026";
const ENV = { LYNCCERT_PASSPHRASE: "planted-root-passphrase", LYNCCERT_PFX_PASSWORD: PFX_PASSWORD };

const sha1 = (pem: string) => openssl(["x509", "-in", pem, "-noout", "-fingerprint", "-sha1"]).split("=")[1]!.trim().replace(/:/g, "");
/** The subject of each certificate in a PEM text, as openssl reads it. */
const subjectsIn = (pemText: string) =>
  [...pemText.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((m) =>
    openssl(["x509", "-noout", "-subject", "-nameopt", "oneline"], m[0])
      .replace(/^subject=/, "")
      .trim(),
  );

/** A Mediation request answered by the CA, and a folder of answers that also holds two roots the CA never used. */
async function answersWithPlantedRoots(dir: string) {
  const store = join(dir, "store");
  const req = join(dir, "med.req");
  const made = JSON.parse(
    (await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "mediation", "--server", "medsvr01.contoso.net", "--store", store, "--out", req, "--json"], ENV)).out,
  );
  const ca = TestCa.create(join(dir, "ca"));
  const leaf = ca.issue(req, join(dir, "med.pem"), { san: made.plan.san.map((n: { name: string }) => n.name) });
  const answers = join(dir, "answers");
  mkdirSync(answers);
  copyFileSync(leaf, join(answers, "med.cer"));
  openssl(["crl2pkcs7", "-nocrl", "-certfile", ca.intermediate, "-certfile", ca.root, "-out", join(answers, "ca-chain.p7b")]);
  // An unrelated root, and one that takes the real root's name with another key.
  mkdirSync(join(dir, "evil"));
  mkdirSync(join(dir, "lookalike"));
  const evil = selfSigned(join(dir, "evil"), "/CN=Evil Root CA", ["-newkey", "rsa:2048"], ["-addext", "basicConstraints=critical,CA:true"]);
  const lookalike = selfSigned(join(dir, "lookalike"), "/O=Contoso/CN=Contoso Test Root CA", ["-newkey", "rsa:2048"], ["-addext", "basicConstraints=critical,CA:true"]);
  copyFileSync(evil.certFile, join(answers, "evil-root.crt"));
  copyFileSync(lookalike.certFile, join(answers, "lookalike-root.crt"));
  return { store, id: made.id as string, ca, answers, evil: evil.certFile, lookalike: lookalike.certFile };
}

describe("a root planted through the answers folder is never kept, exported or installed", () => {
  it("import keeps only the leaf's verified path, and names each root on no chain as a problem (exit 1)", async () => {
    const dir = tempDir();
    const t = await answersWithPlantedRoots(dir);
    const r = await cli(["import", t.answers, "--store", t.store, "--json"], ENV);
    const result = JSON.parse(r.out);
    expect(result.rows.map((x: { verdict: string }) => x.verdict)).toEqual(["valid"]);
    expect(result.others).toEqual(
      expect.arrayContaining([
        {
          file: join(t.answers, "evil-root.crt"),
          why: expect.stringMatching(/^1 CA certificate\(s\) on no answer's verified chain, not kept and never installed: CN=Evil Root CA$/),
          problem: true,
        },
        { file: join(t.answers, "lookalike-root.crt"), why: expect.stringMatching(/on no answer's verified chain/), problem: true },
        { file: join(t.answers, "ca-chain.p7b"), why: "CA certificates only (2): kept to complete chains", problem: false },
      ]),
    );
    expect(r.code).toBe(1);
    const certDir = join(t.store, "requests", t.id, "certificates");
    const kept = readFileSync(join(certDir, readdirSync(certDir)[0]!), "utf8");
    expect(subjectsIn(kept)).toEqual(["CN = medsvr-pool.contoso.net", "O = Contoso, CN = Contoso Test Issuing CA", "O = Contoso, CN = Contoso Test Root CA"]);
    // The kept root is the CA's own, not the look-alike of the same name.
    expect(kept).toContain(readFileSync(t.ca.root, "utf8").trim().split("\n").slice(1, 3).join("\n"));
    expect(kept).not.toContain(readFileSync(t.lookalike, "utf8").trim().split("\n").slice(1, 3).join("\n"));
  });

  it("export --include-root and its script carry exactly the verified path, even when the store's file holds more (written by an older LyncCert)", async () => {
    const dir = tempDir();
    const t = await answersWithPlantedRoots(dir);
    await cli(["import", t.answers, "--store", t.store], ENV);
    const certDir = join(t.store, "requests", t.id, "certificates");
    appendFileSync(join(certDir, readdirSync(certDir)[0]!), readFileSync(t.evil, "utf8"));
    const pfx = join(dir, "med.pfx");
    const ps1 = join(dir, "med.ps1");
    const r = await cli(["export", t.id, "--store", t.store, "--pfx", pfx, "--ps1", ps1, "--include-root"], ENV);
    expect(r.code, r.err).toBe(0);
    const inPfx = subjectsIn(openssl(["pkcs12", "-in", pfx, "-nokeys", "-passin", `pass:${PFX_PASSWORD}`]));
    expect(inPfx.sort()).toEqual(["CN = medsvr-pool.contoso.net", "O = Contoso, CN = Contoso Test Issuing CA", "O = Contoso, CN = Contoso Test Root CA"]);
    const script = readFileSync(ps1, "utf8");
    const installs = script.match(/^Import-IssuerChain \(Join-Path \$files 'med\.chain\.p7b'\) (.*)$/m)![1];
    const chain = openssl(["pkcs7", "-inform", "DER", "-in", join(dir, "med.chain.p7b"), "-print_certs"]);
    expect(subjectsIn(chain).sort()).toEqual(["O = Contoso, CN = Contoso Test Issuing CA", "O = Contoso, CN = Contoso Test Root CA"]);
    expect(installs).toBe(`@{ '${sha1(t.ca.intermediate)}' = 'CA'; '${sha1(t.ca.root)}' = 'Root' }`);
    expect(script).not.toContain(sha1(t.evil));
    expect(script).toMatch(/Where-Object \{ \$Issuers\.ContainsKey\(\$_\.Thumbprint\) \}/);
  });
});
