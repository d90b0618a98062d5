import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCertificates } from "../../src-main/services/certificate-service";
import { cli } from "../helpers/cli";
import { openssl } from "../helpers/openssl";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { opensslCsr, TestCa } from "../helpers/test-ca";

const dir = mkdtempSync(join(tmpdir(), "lynccert-formats-"));
let ca: TestCa;
let leaf: string;
const SAN = ["sip.contoso.com", "webcon.contoso.com", "sip.fabrikam.com", "contoso.com", "xmpp.contoso.com"];

beforeAll(() => {
  ca = TestCa.create(join(dir, "ca"));
  leaf = ca.issue(opensslCsr(dir, "edge", ["-newkey", "rsa:2048"], "/CN=sip.contoso.com"), join(dir, "leaf.pem"), { san: SAN });
});

const write = (name: string, data: string | Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, data);
  return file;
};
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const pemOf = (...files: string[]) => files.map((f) => readFileSync(f, "utf8")).join("");
const p7b = (outform: "DER" | "PEM", ...files: string[]) => {
  const out = join(dir, `chain-${files.length}-${outform}-${Math.random().toString(36).slice(2)}.p7b`);
  openssl(["crl2pkcs7", "-nocrl", ...files.flatMap((f) => ["-certfile", f]), "-outform", outform, "-out", out]);
  return out;
};

describe("every format a CA sends back reads to the same leaf and chain", () => {
  const cases: [string, () => string, string, number][] = [
    ["DER .cer", () => write("leaf.cer", readFileSync(derOf(leaf))), "DER certificate", 1],
    ["Base64 .cer with CRLF", () => write("leaf-b64.cer", crlf(pemOf(leaf))), "PEM certificate", 1],
    [".crt", () => write("leaf.crt", pemOf(leaf)), "PEM certificate", 1],
    ["PEM chain with CRLF", () => write("chain.pem", crlf(pemOf(leaf, ca.intermediate, ca.root))), "PEM bundle", 3],
    ["PEM chain root first", () => write("chain-rev.pem", pemOf(ca.root, ca.intermediate, leaf)), "PEM bundle", 3],
    ["DER .p7b", () => p7b("DER", leaf, ca.intermediate, ca.root), "PKCS#7 (DER)", 3],
    ["PEM PKCS7 .p7b, reversed", () => p7b("PEM", ca.root, ca.intermediate, leaf), "PKCS#7 (PEM)", 3],
    [
      "AD CS Base64 .p7b under a CERTIFICATE label",
      () => write("adcs.p7b", crlf(readFileSync(p7b("PEM", ca.intermediate, leaf, ca.root), "utf8").replace(/PKCS7/g, "CERTIFICATE"))),
      "PKCS#7 (Base64, AD CS)",
      3,
    ],
    ["Base64 without PEM lines", () => write("bare.cer", readFileSync(derOf(leaf)).toString("base64")), "PKCS#7 (Base64, AD CS)", 1],
    ["BER .p7b with indefinite lengths (cms -stream)", () => berP7b(), "PKCS#7 (DER)", 3],
  ];

  it.each(cases)("%s", async (_name, make, format, count) => {
    const loaded = await loadCertificates(make());
    expect(loaded.format).toBe(format);
    expect(loaded.certificates).toHaveLength(count);
    expect(loaded.certificates.map((c) => c.subject)).toContain("CN=sip.contoso.com");
    const r = await cli(["verify", loaded.file, "--site", EXAMPLE_SITE_PATH, "--role", "edge-external", "--json", "--store", join(dir, "no-store")]);
    const report = JSON.parse(r.out);
    expect(report.certificate.subject).toBe("CN=sip.contoso.com");
    if (count === 3) expect(report.chain).toEqual(["CN=sip.contoso.com", "CN=Contoso Test Issuing CA, O=Contoso", "CN=Contoso Test Root CA, O=Contoso"]);
    expect(report.errors).toBe(0);
    expect(r.code).toBe(0);
  });

  it("the thumbprint is the SHA-1 of the DER, as Windows shows it", async () => {
    const r = JSON.parse((await cli(["verify", leaf, "--json"])).out);
    const expected = openssl(["x509", "-in", leaf, "-noout", "-fingerprint", "-sha1"]).trim().split("=")[1]!.replace(/:/g, "");
    expect(r.certificate.thumbprint).toBe(expected);
  });
});

describe("input that cannot be used exits 2 with one line naming the file", () => {
  it.each([
    ["empty.cer", "", /empty.cer: the file is empty/],
    ["garbage.cer", "hello, this is not a certificate at all!", /garbage.cer: not a certificate/],
    ["truncated.pem", () => pemOf(leaf).slice(0, 300), /truncated.pem: has a BEGIN line but no complete PEM block/],
    ["truncated.cer", () => readFileSync(derOf(leaf)).subarray(0, 400), /truncated.cer: cannot be decoded as X.509 \(End of input/],
    ["key.pem", () => readFileSync(join(dir, "edge.key")), /key.pem: holds a private key/],
  ] as const)("%s", async (name, content, message) => {
    const file = write(name, typeof content === "function" ? content() : content);
    const r = await cli(["verify", file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("a missing file and a bad --at are input errors", async () => {
    expect((await cli(["verify", join(dir, "nope.cer")])).err).toMatch(/nope.cer: cannot read it \(ENOENT\)/);
    expect((await cli(["verify", leaf, "--at", "yesterday"])).err).toMatch(/--at yesterday: not an ISO date/);
    expect((await cli(["verify", leaf, "--role", "front-end"])).err).toMatch(/--site and --role go together/);
  });
});

/** A signed PKCS#7 streamed by openssl: indefinite-length BER, certificates leaf, intermediate, root. */
function berP7b(): string {
  const cas = write("cas.pem", pemOf(ca.intermediate, ca.root));
  const out = join(dir, "stream.p7b");
  openssl([
    "cms",
    "-sign",
    "-in",
    write("data.txt", "LyncCert"),
    "-signer",
    leaf,
    "-inkey",
    join(dir, "edge.key"),
    "-certfile",
    cas,
    "-outform",
    "DER",
    "-stream",
    "-nodetach",
    "-out",
    out,
  ]);
  expect(readFileSync(out).subarray(0, 2)).toEqual(Buffer.from([0x30, 0x80]));
  return out;
}

function derOf(pemFile: string): string {
  const out = `${pemFile}.der`;
  openssl(["x509", "-in", pemFile, "-outform", "DER", "-out", out]);
  return out;
}
