import { execFileSync } from "node:child_process";
import { createSign, generateKeyPairSync } from "node:crypto";
import * as asn1js from "asn1js";
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
function opensslRequest(
  dir: string,
  name: string,
  o: { key?: string[]; san?: string[]; digest?: string; sigopt?: string[]; cn?: string; der?: boolean; keyUsage?: string },
): string {
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
    `keyUsage=${o.keyUsage ?? "critical,digitalSignature,keyEncipherment"}`,
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
    const file = opensslRequest(dir, "nokeyenc", { keyUsage: "critical,digitalSignature" });
    const r = await cli(["verify", file, ...fe]);
    expect(r.out).toMatch(
      /WARNING\s+COMMON-KU\s+the requested Key Usage lacks Key Encipherment \(RSA key exchange, the TLS_RSA_\* suites older Windows servers negotiate, encrypts with it\)/,
    );
  });
});

/**
 * A request as certreq writes it, with the attributes openssl cannot add: the enrollment CSP attribute
 * (1.3.6.1.4.1.311.13.2.2, MS-WCCE §2.2.2.7.6) and the v2 template extension (1.3.6.1.4.1.311.21.7). Signed
 * with node:crypto, so its signature verifies.
 */
function certreqRequest(dir: string, o: { provider?: { name: string; keySpec: number }; templateOid?: string }): string {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const fromDer = (bytes: Uint8Array) => asn1js.fromBER(bytes.slice().buffer).result;
  const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
  const extension = (id: string, value: asn1js.BaseBlock) => new asn1js.Sequence({ value: [oid(id), new asn1js.OctetString({ valueHex: value.toBER() })] });
  const san = new asn1js.Sequence({ value: feNames().map((n) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: new TextEncoder().encode(n).buffer })) });
  const extensions = [extension("2.5.29.17", san)];
  if (o.templateOid)
    extensions.push(extension("1.3.6.1.4.1.311.21.7", new asn1js.Sequence({ value: [oid(o.templateOid), new asn1js.Integer({ value: 100 }), new asn1js.Integer({ value: 0 })] })));
  const attributes = [new asn1js.Sequence({ value: [oid("1.2.840.113549.1.9.14"), new asn1js.Set({ value: [new asn1js.Sequence({ value: extensions })] })] })];
  if (o.provider)
    attributes.push(
      new asn1js.Sequence({
        value: [
          oid("1.3.6.1.4.1.311.13.2.2"),
          new asn1js.Set({
            value: [
              new asn1js.Sequence({
                value: [
                  new asn1js.Integer({ value: o.provider.keySpec }),
                  new asn1js.BmpString({ value: o.provider.name }),
                  new asn1js.BitString({ valueHex: new ArrayBuffer(0) }),
                ],
              }),
            ],
          }),
        ],
      }),
    );
  const subject = new asn1js.Sequence({
    value: [new asn1js.Set({ value: [new asn1js.Sequence({ value: [oid("2.5.4.3"), new asn1js.Utf8String({ value: "pool01.contoso.net" })] })] })],
  });
  const info = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 0 }), subject, fromDer(spki), new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: attributes })],
  });
  const infoDer = Buffer.from(info.toBER());
  const signature = createSign("sha256").update(infoDer).sign(privateKey);
  const algorithm = new asn1js.Sequence({ value: [oid("1.2.840.113549.1.1.11"), new asn1js.Null()] });
  const request = new asn1js.Sequence({
    value: [fromDer(infoDer), algorithm, new asn1js.BitString({ valueHex: signature.buffer.slice(signature.byteOffset, signature.byteOffset + signature.length) })],
  });
  const file = join(dir, "certreq.req");
  writeFileSync(file, Buffer.from(request.toBER()));
  return file;
}

describe("what a request cannot show, and what certreq's attributes say", () => {
  it("a key made in the CNG Software Key Storage Provider (KeySpec 0) is one Lync Server 2013 cannot use: a warning, as for ECDSA (LC-ECDSA-CNG)", async () => {
    const dir = tempDir();
    const cng = await cli(["verify", certreqRequest(dir, { provider: { name: "Microsoft Software Key Storage Provider", keySpec: 0 } }), ...fe]);
    expect(cng.out).toMatch(/ok\s+X509-SIGNATURE/);
    expect(cng.out).toMatch(/WARNING\s+LC-ECDSA-CNG\s+the key was made in Microsoft Software Key Storage Provider \(KeySpec 0\), a CNG key storage provider/);
    const capi = await cli(["verify", certreqRequest(dir, { provider: { name: "Microsoft RSA SChannel Cryptographic Provider", keySpec: 1 } }), ...fe]);
    expect(capi.out).not.toMatch(/LC-ECDSA-CNG/);
  });

  it("a template named by the v2 template extension is a named template (MS-WCCE)", async () => {
    const dir = tempDir();
    const r = await cli(["verify", certreqRequest(dir, { templateOid: "1.3.6.1.4.1.311.21.8.1.2.3" }), ...fe]);
    expect(r.out).toMatch(/Template\s+the template with OID 1\.3\.6\.1\.4\.1\.311\.21\.8\.1\.2\.3/);
    expect(r.out).toMatch(/ok\s+COMMON-TEMPLATE\s+names the certificate template the template with OID/);
  });

  it("exportability, which no request can carry, is said as a notice where the role needs it (EDGE-EXT-EXPORTABLE)", async () => {
    const dir = tempDir();
    const edge = planCertificate(exampleSite(), { role: "edge-external" });
    const file = opensslRequest(dir, "edge", { san: edge.san.map((n) => n.name), cn: edge.cn });
    const r = await cli(["verify", file, "--site", EXAMPLE_SITE_PATH, "--role", "edge-external"]);
    expect(r.out).toMatch(/notice\s+EDGE-EXT-EXPORTABLE\s+this certificate needs an exportable key \(EDGE-EXT-EXPORTABLE\), which a request cannot show/);
  });
});
