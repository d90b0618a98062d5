import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planCertificate } from "../../shared/planner/plan";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH, exampleSite } from "../helpers/sites";
import { useTempDirs } from "../helpers/temp-dir";

const tempDir = useTempDirs();
const ENV = { LYNCCERT_PASSPHRASE: "correct horse battery" };
const fe = ["--site", EXAMPLE_SITE_PATH, "--role", "front-end", "--server", "fe01.contoso.net"];
const feNames = () => planCertificate(exampleSite(), { role: "front-end", server: "fe01.contoso.net" }).san.map((n) => n.name);

/** A request made by openssl, as an admin's own tooling would make it. */
function opensslRequest(dir: string, name: string, o: { key?: string[]; san?: string[]; digest?: string; sigopt?: string[]; cn?: string; der?: boolean }): string {
  const file = join(dir, `${name}.req`);
  const san = o.san ?? feNames();
  openssl([
    "req",
    "-new",
    ...(o.key ?? ["-newkey", "rsa:2048"]),
    "-noenc",
    "-keyout",
    join(dir, `${name}.key`),
    "-out",
    file,
    "-subj",
    `/CN=${o.cn ?? "pool01.contoso.net"}`,
    ...(san.length ? ["-addext", `subjectAltName=${san.map((n) => `DNS:${n}`).join(",")}`] : []),
    "-addext",
    "extendedKeyUsage=serverAuth",
    "-addext",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    `-${o.digest ?? "sha256"}`,
    ...(o.sigopt ?? []),
    ...(o.der ? ["-outform", "DER"] : []),
  ]);
  return file;
}

describe("lynccert verify FILE.req: a request checked before it goes to the CA", () => {
  it("LyncCert's own request passes, in PEM and in DER", async () => {
    const dir = tempDir();
    const out = join(dir, "own.req");
    expect((await cli(["request", ...fe, "--store", join(dir, "store"), "--out", out], ENV)).code).toBe(0);
    const r = await cli(["verify", out, ...fe, "--json"]);
    const report = JSON.parse(r.out);
    expect(r.code).toBe(0);
    expect(report).toMatchObject({ format: "PKCS#10 request", errors: 0, warnings: 0, request: { template: "WebServer", keyAlgorithm: "RSA 2048" } });
    const derReport = await cli(["verify", opensslRequest(dir, "der", { der: true }), ...fe, "--json"]);
    expect(JSON.parse(derReport.out).format).toBe("PKCS#10 request");
  }, 60_000);

  it("an openssl request with a missing SAN name: exit 1, naming the name and what the CA would have to add", async () => {
    const dir = tempDir();
    const file = opensslRequest(dir, "missing", { san: feNames().filter((n) => n !== "meet.fabrikam.com") });
    const r = await cli(["verify", file, ...fe]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ERROR\s+FE-WEBINT-SAN-MEET\s+SAN is missing meet.fabrikam.com .*the CA would have to add it/);
    expect(r.out).toContain("Do not submit it");
  }, 60_000);

  it("an RSASSA-PSS request is refused (COMMON-NO-PSS)", async () => {
    const dir = tempDir();
    const file = opensslRequest(dir, "pss", { sigopt: ["-sigopt", "rsa_padding_mode:pss"] });
    const report = JSON.parse((await cli(["verify", file, ...fe, "--json"])).out);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "COMMON-NO-PSS", status: "error" }));
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "X509-SIGNATURE", status: "pass" }));
  }, 60_000);

  it("RSA 1024 and SHA-1: warnings under COMMON-KEY-LEN and COMMON-SIG-ALG", async () => {
    const dir = tempDir();
    const file = opensslRequest(dir, "weak", { key: ["-newkey", "rsa:1024"], digest: "sha1" });
    const report = JSON.parse((await cli(["verify", file, ...fe, "--json"])).out);
    expect(
      report.findings
        .filter((f: { status: string }) => f.status === "warning" || f.status === "error")
        .map((f: { rule: string }) => f.rule)
        .sort(),
    ).toEqual(["COMMON-KEY-LEN", "COMMON-SIG-ALG"]);
  }, 60_000);

  it("import refuses a request and says how to check it", async () => {
    const dir = tempDir();
    const r = await cli(["import", opensslRequest(dir, "imp", {}), "--store", join(dir, "store")]);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/imp.req: holds a certificate request: check it with lynccert verify FILE --site --role/) });
  }, 60_000);

  it("a wrong subject and a damaged signature are errors", async () => {
    const dir = tempDir();
    const wrong = JSON.parse((await cli(["verify", opensslRequest(dir, "cn", { cn: "fe01.contoso.net" }), ...fe, "--json"])).out);
    expect(wrong.findings).toContainEqual(
      expect.objectContaining({ rule: "FE-DEFAULT-SN", status: "error", message: expect.stringContaining("make a new request with CN=pool01.contoso.net") }),
    );
    const der = execFileSync("openssl", ["req", "-in", opensslRequest(dir, "sig", {}), "-outform", "DER"]);
    der[der.length - 5] ^= 0xff;
    const tampered = join(dir, "tampered.der");
    writeFileSync(tampered, der);
    const report = JSON.parse((await cli(["verify", tampered, ...fe, "--json"])).out);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "X509-SIGNATURE", status: "error" }));
  }, 60_000);
});

describe("requests for a public CA, in 2026's words", () => {
  const rp = ["--site", EXAMPLE_SITE_PATH, "--role", "reverse-proxy"];
  const rpNames = () => planCertificate(exampleSite(), { role: "reverse-proxy" }).san.map((n) => n.name);

  it("no AD CS template advice for a request that goes to a public CA; RSA 1024 meant for one is an error (public CAs refuse it)", async () => {
    const dir = tempDir();
    const file = opensslRequest(dir, "rp1024", { key: ["-newkey", "rsa:1024"], san: rpNames(), cn: rpNames()[0] });
    const r = await cli(["verify", file, ...rp]);
    expect(r.out).toMatch(/ok\s+COMMON-TEMPLATE\s+goes to a public CA, which uses no AD CS template/);
    expect(r.out).not.toMatch(/CertificateTemplate:WebServer/);
    expect(r.out).toMatch(/ERROR\s+COMMON-KEY-LEN\s+RSA 1024 bits: public CAs refuse keys under 2048 bits/);
    expect(r.out).not.toMatch(/It can go to the CA/);
  });

  it('"It can go to the CA" only when true: not when the role checks were skipped', async () => {
    const dir = tempDir();
    const file = opensslRequest(dir, "fe", {});
    expect((await cli(["verify", file, ...fe])).out).toMatch(/\nIt can go to the CA\.$/);
    const skipped = await cli(["verify", file]);
    expect(skipped.out).toMatch(/Its role was not checked, so whether it can go to the CA is not known yet: check it against its role first \(--site FILE --role ROLE\)\.$/);
  });

  it("a Key Usage finding names the usage it lacks and why (Key Encipherment only for RSA key exchange)", async () => {
    const dir = tempDir();
    const file = join(dir, "nokeyenc.req");
    openssl([
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-noenc",
      "-keyout",
      join(dir, "k.pem"),
      "-out",
      file,
      "-subj",
      "/CN=pool01.contoso.net",
      "-addext",
      `subjectAltName=${feNames()
        .map((n) => `DNS:${n}`)
        .join(",")}`,
      "-addext",
      "extendedKeyUsage=serverAuth",
      "-addext",
      "keyUsage=critical,digitalSignature",
    ]);
    const r = await cli(["verify", file, ...fe]);
    expect(r.out).toMatch(
      /WARNING\s+COMMON-KU\s+the requested Key Usage lacks Key Encipherment \(RSA key exchange, the TLS_RSA_\* suites older Windows servers negotiate, encrypts with it\)/,
    );
  });
});
