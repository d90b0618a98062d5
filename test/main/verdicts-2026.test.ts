import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { planCertificate } from "../../shared/planner/plan";
import type { PlanRequest } from "../../shared/planner/plan-types";
import type { ValidationReport } from "../../shared/validator/validate";
import { certificatesFromBytes, verifyCertificates } from "../../src-main/services/certificate-service";
import { opensslStatus } from "../helpers/openssl";
import { exampleSite } from "../helpers/sites";
import { findPython } from "../helpers/test-tools";

const PYTHON = findPython() ?? "python3";

const BUILDER = fileURLToPath(new URL("../helpers/pki-builder.py", import.meta.url));
const AT = new Date("2026-12-01T00:00:00Z");
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const CDP = "http://pki.contoso.com/issuing.crl";

interface CertSpec {
  name: string;
  subject: string;
  key: string;
  issuer: string;
  signer: string;
  ca?: boolean;
  notBefore?: string;
  notAfter?: string;
  eku?: string[];
  appPolicies?: string[];
  san?: string[];
  cdp?: string;
  raw?: { oid: string; critical: boolean; hex: string }[];
}

/** Builds the certificates with Python's cryptography (the second judge) and returns each one's PEM by name. */
function pki(keys: string[], certs: CertSpec[]): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "lynccert-pki-"));
  writeFileSync(join(dir, "spec.json"), JSON.stringify({ keys, certs }));
  const r = spawnSync(PYTHON, [BUILDER, join(dir, "spec.json"), dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return Object.fromEntries(certs.map((c) => [c.name, readFileSync(join(dir, `${c.name}.pem`), "utf8")]));
}

const edgeExternal = () => planCertificate(exampleSite(), { role: "edge-external" });
const leafFor = (request: PlanRequest, over: Partial<CertSpec> = {}): CertSpec => {
  const plan = planCertificate(exampleSite(), request);
  return { name: "leaf", subject: plan.cn, key: "leaf", issuer: "ica", signer: "ica", eku: [SERVER_AUTH], san: plan.san.map((n) => n.name), cdp: CDP, ...over };
};

async function verify(pems: string[], request: PlanRequest | undefined, trusted: string[] = []): Promise<ValidationReport> {
  const loaded = certificatesFromBytes(new TextEncoder().encode(pems.join("")), "answer.pem");
  return verifyCertificates({
    certificates: loaded.certificates,
    plan: request && planCertificate(exampleSite(), request),
    at: AT,
    store: undefined,
    keyMatchRequired: false,
    trustedRoots: trusted,
  });
}

/** openssl's own verdict on leaf → issuing CA → root for a TLS server (at the check time of these tests). */
function opensslVerifies(c: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lynccert-verify-"));
  for (const name of ["leaf", "ica", "root"]) writeFileSync(join(dir, `${name}.pem`), c[name]!);
  return opensslStatus([
    "verify",
    "-purpose",
    "sslserver",
    "-attime",
    String(AT.getTime() / 1000),
    "-CAfile",
    join(dir, "root.pem"),
    "-untrusted",
    join(dir, "ica.pem"),
    join(dir, "leaf.pem"),
  ]).output;
}

const findings = (r: ValidationReport, rule: string) => r.findings.filter((f) => f.rule === rule);
const statuses = (r: ValidationReport, rule: string) => findings(r, rule).map((f) => f.status);

describe("chains that pick the valid path, whatever the order of the file", () => {
  // Root X signs the issuing CA; Root X's key is also cross-signed by Legacy Root, which expired in 2025.
  const certs = pki(
    ["rootX", "legacy", "ica", "leaf"],
    [
      { name: "rootX", subject: "Contoso Root X", key: "rootX", issuer: "rootX", signer: "rootX", ca: true, notBefore: "2024-01-01", notAfter: "2044-01-01" },
      { name: "legacy", subject: "Contoso Legacy Root", key: "legacy", issuer: "legacy", signer: "legacy", ca: true, notBefore: "2005-01-01", notAfter: "2025-06-30" },
      { name: "cross", subject: "Contoso Root X", key: "rootX", issuer: "legacy", signer: "legacy", ca: true, notBefore: "2024-01-01", notAfter: "2025-06-30" },
      { name: "ica", subject: "Contoso Issuing CA", key: "ica", issuer: "rootX", signer: "rootX", ca: true },
      leafFor({ role: "mediation", server: "medsvr01.contoso.net" }),
    ],
  );
  const request: PlanRequest = { role: "mediation", server: "medsvr01.contoso.net" };

  it("leaf, issuing CA, the cross-sign, the expired legacy root and the valid root, in either order: the path ends in the valid root", async () => {
    for (const order of [
      [certs.leaf!, certs.ica!, certs.cross!, certs.legacy!, certs.rootX!],
      [certs.rootX!, certs.legacy!, certs.cross!, certs.ica!, certs.leaf!],
    ]) {
      const r = await verify(order, request);
      expect(r.chain).toEqual(["CN=medsvr-pool.contoso.net", "CN=Contoso Issuing CA", "CN=Contoso Root X"]);
      expect(statuses(r, "X509-CHAIN")[0]).toBe("pass");
      expect(findings(r, "X509-CHAIN")[0]!.message).toMatch(/the best of 2 possible paths/);
    }
  });

  it("a path that can only end in a root expired in 2025 names the expired CA (an error, as Windows refuses it)", async () => {
    const r = await verify([certs.leaf!, certs.ica!, certs.cross!, certs.legacy!], request);
    expect(r.chain).toEqual(["CN=medsvr-pool.contoso.net", "CN=Contoso Issuing CA", "CN=Contoso Root X", "CN=Contoso Legacy Root"]);
    expect(
      findings(r, "X509-CHAIN")
        .filter((f) => f.status === "error")
        .map((f) => f.message),
    ).toEqual([
      'the CA certificate "CN=Contoso Root X" on the path expired on 2025-06-30: ask the CA for its current chain',
      'the CA certificate "CN=Contoso Legacy Root" on the path expired on 2025-06-30: ask the CA for its current chain',
    ]);
  });

  it("a cross-signed certificate whose subject and key are a trusted root's is that root (the long Let's Encrypt chain through DST Root CA X3)", async () => {
    const edge = pki(
      ["rootX", "legacy", "ica", "leaf"],
      [
        { name: "rootX", subject: "Public Root X", key: "rootX", issuer: "rootX", signer: "rootX", ca: true },
        { name: "legacy", subject: "Old Public Root", key: "legacy", issuer: "legacy", signer: "legacy", ca: true, notBefore: "2000-01-01", notAfter: "2021-09-30" },
        { name: "cross", subject: "Public Root X", key: "rootX", issuer: "legacy", signer: "legacy", ca: true, notBefore: "2021-01-01", notAfter: "2027-09-30" },
        { name: "ica", subject: "Public Issuing R3", key: "ica", issuer: "rootX", signer: "rootX", ca: true },
        leafFor({ role: "edge-external" }, { subject: edgeExternal().cn }),
      ],
    );
    // As servers received it 2021–2024: leaf, R3, the root cross-signed by the old root; the trust store has the root itself.
    const r = await verify([edge.leaf!, edge.ica!, edge.cross!], { role: "edge-external" }, [edge.rootX!]);
    expect(statuses(r, "EDGE-EXT-CA-PUBLIC")).toEqual(["pass"]);
    expect(findings(r, "EDGE-EXT-CA-PUBLIC")[0]!.message).toBe('issued under the public root "CN=Public Root X"');
    expect(statuses(r, "X509-CHAIN")[0]).toBe("pass");
  });
});

describe("purposes along the chain, and what a relying party must refuse", () => {
  const base = (over: { ica?: Partial<CertSpec>; leaf?: Partial<CertSpec> }) =>
    pki(
      ["root", "ica", "leaf"],
      [
        { name: "root", subject: "Contoso Root", key: "root", issuer: "root", signer: "root", ca: true },
        { name: "ica", subject: "Contoso Issuing CA", key: "ica", issuer: "root", signer: "root", ca: true, ...over.ica },
        leafFor({ role: "mediation", server: "medsvr01.contoso.net" }, over.leaf),
      ],
    );
  const request: PlanRequest = { role: "mediation", server: "medsvr01.contoso.net" };
  const all = (c: Record<string, string>) => [c.leaf!, c.ica!, c.root!];

  it("an issuing CA whose EKU is Client Authentication only breaks the chain for TLS (X509-CHAIN-PURPOSE), as openssl judges it too", async () => {
    const clientOnly = base({ ica: { eku: [CLIENT_AUTH] } });
    expect(opensslVerifies(clientOnly)).toMatch(/unsuitable certificate purpose/);
    expect(opensslVerifies(base({ ica: { eku: [SERVER_AUTH, CLIENT_AUTH] } }))).toMatch(/: OK/);
    const r = await verify(all(clientOnly), request);
    expect(findings(r, "X509-CHAIN-PURPOSE")).toEqual([
      expect.objectContaining({
        status: "error",
        message: expect.stringMatching(/the CA "CN=Contoso Issuing CA" limits its EKU to 1\.3\.6\.1\.5\.5\.7\.3\.2, without Server Authentication/),
      }),
    ]);
    expect(statuses(await verify(all(base({ ica: { eku: [SERVER_AUTH, CLIENT_AUTH] } })), request), "X509-CHAIN-PURPOSE")).toEqual(["pass"]);
  });

  it("Microsoft application policies: on a CA they limit the chain; on the leaf Windows uses them instead of the EKU", async () => {
    const ca = await verify(all(base({ ica: { appPolicies: [CLIENT_AUTH] } })), request);
    expect(findings(ca, "X509-CHAIN-PURPOSE")[0]).toMatchObject({
      status: "error",
      message: expect.stringMatching(/limits its application policies to 1\.3\.6\.1\.5\.5\.7\.3\.2/),
    });
    const leaf = await verify(all(base({ leaf: { appPolicies: [CLIENT_AUTH] } })), request);
    expect(findings(leaf, "X509-CHAIN-PURPOSE")[0]).toMatchObject({
      status: "error",
      message: expect.stringMatching(/Windows uses them instead of the EKU, so this is not a server certificate on Windows/),
    });
  });

  it("a precertificate (critical CT poison) is called a precertificate; another unknown critical extension is named (RFC 5280 §4.2)", async () => {
    const poisoned = await verify(all(base({ leaf: { raw: [{ oid: "1.3.6.1.4.1.11129.2.4.3", critical: true, hex: "0500" }] } })), request);
    expect(findings(poisoned, "X509-CRITICAL-EXT")).toEqual([expect.objectContaining({ status: "error", message: expect.stringMatching(/^this is a precertificate/) })]);
    const unknown = await verify(all(base({ leaf: { raw: [{ oid: "1.2.3.4.5", critical: true, hex: "0500" }] } })), request);
    expect(findings(unknown, "X509-CRITICAL-EXT")).toEqual([
      expect.objectContaining({
        status: "error",
        message: "the critical extension 1.2.3.4.5 is not one Windows recognises: it must reject the certificate (CERT_E_CRITICAL); re-issue without it",
      }),
    ]);
    expect(statuses(await verify(all(base({})), request), "X509-CRITICAL-EXT")).toEqual(["pass"]);
  });
});

describe("words that fit public CAs in 2026", () => {
  const chainFor = (request: PlanRequest, leaf: Partial<CertSpec>) => {
    const c = pki(
      ["root", "ica", "leaf"],
      [
        { name: "root", subject: "Public Root", key: "root", issuer: "root", signer: "root", ca: true },
        { name: "ica", subject: "Public Issuing CA", key: "ica", issuer: "root", signer: "root", ca: true },
        leafFor(request, leaf),
      ],
    );
    return verify([c.leaf!, c.ica!, c.root!], request, [c.root!]);
  };

  it("an Edge external certificate without a CN (a tlsserver-style profile) is a warning citing AMB-17, with the classic profile advised", async () => {
    const r = await chainFor({ role: "edge-external" }, { subject: "" });
    expect(findings(r, "AMB-17")).toEqual([
      expect.objectContaining({
        status: "warning",
        message: expect.stringMatching(/the subject has no CN; CN=sip\.contoso\.com is recommended .*Let's Encrypt: "classic", not "tlsserver"/),
      }),
    ]);
    expect(r.errors).toBe(0);
  });

  it("no CRL distribution point on a public certificate: choose a CA or profile that includes one (nothing to configure on someone else's CA)", async () => {
    const r = await chainFor({ role: "reverse-proxy" }, { cdp: "" });
    expect(findings(r, "COMMON-CDP")[0]!.message).toMatch(/order it from a public CA or profile that includes a CRL distribution point$/);
    expect(findings(r, "COMMON-CDP")[0]!.message).not.toMatch(/configure a CDP/);
  });

  it("the specific rule, not the generic extra-name notice: the Admin URL on the reverse proxy (RP-NO-ADMIN), another member on a Front End (FE-DEFAULT-SAN-SERVER)", async () => {
    const rpPlan = planCertificate(exampleSite(), { role: "reverse-proxy" });
    const rp = await chainFor({ role: "reverse-proxy" }, { san: [...rpPlan.san.map((n) => n.name), "admin.contoso.com"] });
    expect(findings(rp, "RP-NO-ADMIN")).toEqual([expect.objectContaining({ status: "notice", message: expect.stringMatching(/admin\.contoso\.com is the Admin simple URL/) })]);
    const fePlan = planCertificate(exampleSite(), { role: "front-end", server: "fe01.contoso.net" });
    const fe = await chainFor({ role: "front-end", server: "fe01.contoso.net" }, { san: [...fePlan.san.map((n) => n.name), "fe02.contoso.net"] });
    expect(findings(fe, "FE-DEFAULT-SAN-SERVER").filter((f) => f.status === "error")).toEqual([
      expect.objectContaining({ message: "fe02.contoso.net is another member of pool01.contoso.net: each member's certificate names only that member: leave it out" }),
    ]);
  });

  it("the AOL finding says public CAs stopped issuing Client Authentication in May 2026", async () => {
    const site = exampleSite();
    site.features.publicImAol = true;
    const plan = planCertificate(site, { role: "edge-external" });
    const c = pki(
      ["root", "ica", "leaf"],
      [
        { name: "root", subject: "Public Root", key: "root", issuer: "root", signer: "root", ca: true },
        { name: "ica", subject: "Public Issuing CA", key: "ica", issuer: "root", signer: "root", ca: true },
        { name: "leaf", subject: plan.cn, key: "leaf", issuer: "ica", signer: "ica", eku: [SERVER_AUTH], san: plan.san.map((n) => n.name), cdp: CDP },
      ],
    );
    const loaded = certificatesFromBytes(new TextEncoder().encode(c.leaf! + c.ica! + c.root!), "aol.pem");
    const r = await verifyCertificates({ certificates: loaded.certificates, plan, at: AT, store: undefined, keyMatchRequired: false, trustedRoots: [c.root!] });
    expect(findings(r, "EDGE-EXT-EKU-CLIENT-AOL")[0]!.message).toMatch(/public CAs no longer issue it .*DigiCert from 2026-05-01, Let's Encrypt 2026-05-13, Sectigo 2026-05-15/);
  });

  it("an empty subject shows as (empty subject) in the chain", async () => {
    const r = await chainFor({ role: "edge-external" }, { subject: "" });
    expect(findings(r, "X509-CHAIN")[0]!.message).toMatch(/^\(empty subject\) → CN=Public Issuing CA → CN=Public Root/);
  });
});
