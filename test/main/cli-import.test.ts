import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { opensslCsr, TestCa } from "../helpers/test-ca";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PASSPHRASE: "import-test-passphrase" };

describe("lynccert import", () => {
  it("attaches the issued .p7b to the request whose key it carries, leaf first, and checks it against that request's plan", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const made = JSON.parse(
      (await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "edge-internal", "--store", store, "--out", join(dir, "edge-int.req"), "--json"], ENV)).out,
    );
    const other = JSON.parse(
      (
        await cli(
          ["request", "--site", EXAMPLE_SITE_PATH, "--role", "mediation", "--server", "medsvr01.contoso.net", "--store", store, "--out", join(dir, "med.req"), "--json"],
          ENV,
        )
      ).out,
    );
    const ca = TestCa.create(join(dir, "ca"));
    const leaf = ca.issue(join(dir, "edge-int.req"), join(dir, "edge-int.pem"), { san: ["lsedge.contoso.net"] });
    const p7b = join(dir, "issued.p7b");
    openssl(["crl2pkcs7", "-nocrl", "-certfile", ca.root, "-certfile", leaf, "-certfile", ca.intermediate, "-outform", "DER", "-out", p7b]);

    const r = await cli(["import", p7b, "--store", store, "--json"]);
    expect(r.err).toBe("");
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({ requestId: made.id, attached: true, errors: 0 });
    expect(result.findings.find((f: { rule: string }) => f.rule === "X509-KEY-MATCH")).toMatchObject({ status: "pass", message: `matches the key of pending request ${made.id}` });
    expect(result.findings.find((f: { rule: string }) => f.rule === "EDGE-INT-SN")).toMatchObject({ status: "pass" });
    expect(r.code).toBe(0);

    const record = JSON.parse(readFileSync(join(store, "requests", made.id, "request.json"), "utf8"));
    expect(record.status).toBe("issued");
    expect(record.certificate.thumbprint).toBe(result.certificate.thumbprint);
    const kept = readFileSync(join(store, "requests", made.id, "certificates", `${record.certificate.thumbprint}.pem`), "utf8");
    const subjects = [...kept.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g)].map((m) => openssl(["x509", "-noout", "-subject"], m[0]).trim());
    expect(subjects).toEqual(["subject=CN = lsedge.contoso.net", "subject=O = Contoso, CN = Contoso Test Issuing CA", "subject=O = Contoso, CN = Contoso Test Root CA"]);
    expect(existsSync(join(store, "requests", other.id, "certificates"))).toBe(false);

    const list = JSON.parse((await cli(["list", "--store", store, "--json"])).out);
    expect(list.requests.find((q: { id: string }) => q.id === made.id).status).toBe("issued");
  });

  it("a certificate for an unrelated key is reported and never attached (X509-KEY-MATCH)", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const made = JSON.parse((await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "edge-internal", "--store", store, "--out", join(dir, "e.req"), "--json"], ENV)).out);
    const ca = TestCa.create(join(dir, "ca"));
    const stranger = ca.issue(opensslCsr(dir, "stranger", ["-newkey", "rsa:2048"], "/CN=lsedge.contoso.net"), join(dir, "stranger.pem"), { san: ["lsedge.contoso.net"] });
    const bundle = join(dir, "stranger-chain.pem");
    writeFileSync(bundle, [stranger, ca.intermediate, ca.root].map((f) => readFileSync(f, "utf8")).join(""));
    const r = await cli(["import", bundle, "--store", store]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/NOT attached — it matches no pending request/);
    expect(r.out).toMatch(/ERROR\s+X509-KEY-MATCH\s+matches none of the 1 pending request/);
    expect(existsSync(join(store, "requests", made.id, "certificates"))).toBe(false);
  });

  it("takes a PFX as the source too (Windows exports): its password is asked for, its key checked, the certificate attached", async () => {
    const dir = tempDir();
    const store = join(dir, "store");
    const made = JSON.parse((await cli(["request", "--site", EXAMPLE_SITE_PATH, "--role", "edge-internal", "--store", store, "--out", join(dir, "e.req"), "--json"], ENV)).out);
    const ca = TestCa.create(join(dir, "ca"));
    const leaf = ca.issue(join(dir, "e.req"), join(dir, "e.pem"), { san: ["lsedge.contoso.net"] });
    const key = join(dir, "key.pem");
    openssl(["pkey", "-in", join(store, "requests", made.id, "key.p8.pem"), "-passin", `pass:${ENV.LYNCCERT_PASSPHRASE}`, "-out", key]);
    const pfx = join(dir, "from-windows.pfx");
    openssl(["pkcs12", "-export", "-in", leaf, "-inkey", key, "-certfile", ca.intermediate, "-out", pfx, "-passout", "pass:Export-Pässword-1"]);
    expect((await cli(["import", pfx, "--store", store], {})).err).toMatch(/no pfx password: set LYNCCERT_PFX_PASSWORD/);
    expect((await cli(["import", pfx, "--store", store], { LYNCCERT_PFX_PASSWORD: "not the password" })).err).toMatch(/wrong PFX password for .*from-windows.pfx/);
    const r = JSON.parse((await cli(["import", pfx, "--store", store, "--json"], { LYNCCERT_PFX_PASSWORD: "Export-Pässword-1" })).out);
    expect(r).toMatchObject({ requestId: made.id, attached: true });
    expect(r.chain).toEqual(["CN=lsedge.contoso.net", "CN=Contoso Test Issuing CA, O=Contoso"]);
  });
});
