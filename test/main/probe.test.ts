import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { cli } from "../helpers/cli";
import { EXAMPLE_SITE_PATH } from "../helpers/sites";
import { issuingCrl, opensslCsr, TestCa } from "../helpers/test-ca";
import { openssl } from "../helpers/openssl";

const dir = mkdtempSync(join(tmpdir(), "lynccert-probe-"));
const servers: (Server | TlsServer)[] = [];
let crlPort = 0;
const crls: Record<string, Buffer> = {};
const endpoints: Record<string, number> = {};
const EDGE_NAMES = ["sip.contoso.com", "webcon.contoso.com", "sip.fabrikam.com", "contoso.com", "xmpp.contoso.com"];

function listen<T extends Server | TlsServer>(server: T): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  const http = createHttpServer((req, res) => {
    if (req.url === "/moved.crl") return void res.writeHead(302, { Location: "/issuing.crl" }).end();
    if (req.url === "/loop.crl") return void res.writeHead(302, { Location: "/loop.crl" }).end();
    const body = crls[req.url ?? ""];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "application/pkix-crl" }).end(body);
  });
  crlPort = await listen(http);
  const ca = TestCa.create(join(dir, "ca"));
  const cdp = (path: string) => `URI:http://127.0.0.1:${crlPort}${path}`;
  const leaf = (name: string, cdpValue: string) => {
    const csr = opensslCsr(dir, name, ["-newkey", "rsa:2048"], "/CN=sip.contoso.com");
    const cert = ca.issue(csr, join(dir, `${name}.pem`), { san: EDGE_NAMES, cdp: cdpValue });
    const serialHex = openssl(["x509", "-in", cert, "-noout", "-serial"]).trim().split("=")[1]!;
    return { key: readFileSync(join(dir, `${name}.key`)), cert: readFileSync(cert, "utf8") + readFileSync(ca.intermediate, "utf8"), serialHex };
  };
  const good = leaf("good", cdp("/issuing.crl"));
  const revoked = leaf("revoked", cdp("/issuing.crl"));
  const moved = leaf("moved", cdp("/moved.crl"));
  const looping = leaf("looping", cdp("/loop.crl"));
  const stale = leaf("stale", cdp("/stale.crl"));
  const ldap = leaf("ldap", "URI:ldap:///CN=ContosoIssuingCA?certificateRevocationList?base");
  const down = leaf("down", "URI:http://127.0.0.1:1/issuing.crl");
  // One CRL in DER, one in PEM: CAs publish both.
  const issuing = issuingCrl(ca, join(dir, "issuing.crl"), [{ serialHex: revoked.serialHex, reason: "keyCompromise" }]);
  crls["/issuing.crl"] = Buffer.from(openssl(["crl", "-in", issuing, "-outform", "DER", "-out", `${issuing}.der`]) === "" ? readFileSync(`${issuing}.der`) : "");
  crls["/stale.crl"] = readFileSync(issuingCrl(ca, join(dir, "stale.crl"), [], { seconds: 1 }));
  await new Promise((r) => setTimeout(r, 2100));
  for (const [name, material] of Object.entries({ good, revoked, moved, looping, stale, ldap, down })) {
    endpoints[name] = await listen(createTlsServer({ key: material.key, cert: material.cert }, (socket) => socket.end()));
  }
}, 60_000);

afterAll(() => servers.forEach((s) => s.close()));

async function probe(name: string, ...extra: string[]) {
  const r = await cli(["probe", `127.0.0.1:${endpoints[name]}`, "--sni", "sip.contoso.com", "--json", ...extra]);
  expect(r.err).toBe("");
  return { code: r.code, report: JSON.parse(r.out) };
}
const statuses = (report: { findings: { rule: string; status: string }[] }, rule: string) => report.findings.filter((f) => f.rule === rule).map((f) => f.status);
/** The leaf's revocation finding (the test intermediate publishes no CDP, which is a warning of its own). */
const leafRevocation = (report: { findings: { rule: string; status: string; message: string }[] }) =>
  report.findings.filter((f) => f.rule === "X509-REVOCATION" && f.message.startsWith('"CN=sip.contoso.com"')).map((f) => f.status);

describe("lynccert probe against local TLS servers and a local CRL server", () => {
  it("reports protocol, cipher and the presented chain, and checks it against the Edge role", async () => {
    const { code, report } = await probe("good", "--site", EXAMPLE_SITE_PATH, "--role", "edge-external");
    expect(report.endpoint).toMatchObject({ protocol: "TLSv1.3", sni: "sip.contoso.com", trustedPublicly: false });
    expect(report.endpoint.cipher).toMatch(/^TLS_/);
    expect(report.chain).toEqual(["CN=sip.contoso.com", "CN=Contoso Test Issuing CA, O=Contoso"]);
    expect(leafRevocation(report)).toEqual(["pass"]);
    expect(report.findings.find((f: { message: string }) => f.message.includes("Contoso Test Issuing CA") && f.message.includes("names no CRL distribution point"))?.status).toBe(
      "warning",
    );
    expect(statuses(report, "EDGE-EXT-SAN-WEBCONF")).toEqual(["pass"]);
    expect(report.findings.filter((f: { status: string }) => f.status === "error")).toEqual([]);
    expect(code).toBe(0);
  });

  it("a revoked certificate is an error naming the date and reason", async () => {
    const { code, report } = await probe("revoked");
    expect(report.findings.find((f: { rule: string }) => f.rule === "X509-REVOCATION")).toMatchObject({
      status: "error",
      message: expect.stringMatching(/was revoked on .* \(keyCompromise\)/),
    });
    expect(code).toBe(1);
  });

  it("follows a bounded number of redirects to the CRL", async () => {
    expect(leafRevocation((await probe("moved")).report)).toEqual(["pass"]);
    expect((await probe("looping")).report.findings.find((f: { rule: string }) => f.rule === "X509-CRL").message).toMatch(/more than 3 redirects/);
  });

  it("an expired CRL, an unreachable CDP and an LDAP-only CDP are each reported", async () => {
    expect((await probe("stale")).report.findings.find((f: { rule: string }) => f.rule === "X509-CRL")).toMatchObject({
      status: "error",
      message: expect.stringMatching(/expired on/),
    });
    expect((await probe("down")).report.findings.find((f: { rule: string }) => f.rule === "X509-CRL")).toMatchObject({
      status: "error",
      message: expect.stringMatching(/cannot be used \(.*ECONNREFUSED.*classic cause of Edge sign-in failures/),
    });
    expect((await probe("ldap")).report.findings.find((f: { rule: string }) => f.rule === "LC-CDP-LDAP-ONLY")).toMatchObject({
      status: "warning",
      message: expect.stringMatching(/not reachable from outside the domain/),
    });
  });

  it("a closed port and a bad target are input errors", async () => {
    expect((await cli(["probe", "127.0.0.1:1"])).err).toMatch(/127.0.0.1:1: ECONNREFUSED/);
    expect((await cli(["probe", "host:99999"])).err).toMatch(/expected HOST or HOST:PORT/);
  });
});
