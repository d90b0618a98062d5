import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { planCertificate } from "../../shared/planner/plan";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import type { Finding } from "../../shared/validator/finding";
import { loadCertificates, verifyCertificates } from "../../src-main/services/certificate-service";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { createRequest } from "../../src-main/services/request-service";
import { exampleSite, siteWith } from "../helpers/sites";
import { opensslCsr, TestCa, type IssueOptions } from "../helpers/test-ca";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const dir = mkdtempSync(join(tmpdir(), "lynccert-ca-"));
const storeDir = join(dir, "store");
let ca: TestCa;
let fePlan: CertificatePlan;
let feCsr: string;
let edgePlan: CertificatePlan;
let edgeCsr: string;
const feNames = () => fePlan.san.map((n) => n.name);

beforeAll(async () => {
  ca = TestCa.create(join(dir, "ca"));
  const store = new Keystore(storeDir);
  const make = async (role: "front-end" | "edge-external", server: string | undefined, out: string) =>
    createRequest({
      site: exampleSite(),
      planRequest: { role, ...(server ? { server } : {}) },
      key: "rsa2048",
      hash: undefined,
      subject: { O: "Contoso" },
      template: "WebServer",
      passphrase: "test-passphrase",
      store,
      out,
      crlf: false,
      force: false,
    });
  feCsr = join(dir, "fe01.req");
  fePlan = (await make("front-end", "fe01.contoso.net", feCsr)).plan;
  edgeCsr = join(dir, "edge.req");
  edgePlan = (await make("edge-external", undefined, edgeCsr)).plan;
}, 120_000);

let n = 0;
async function findingsFor(csr: string, options: IssueOptions, plan: CertificatePlan | undefined, atTime?: Date) {
  const leaf = ca.issue(csr, join(dir, `leaf${n++}.pem`), options);
  const chain = [leaf, ca.intermediate, ca.root].map((f) => readFileSync(f, "utf8")).join("");
  const file = join(dir, `bundle${n++}.pem`);
  writeFileSync(file, chain);
  const loaded = await loadCertificates(file);
  // "Now" is taken after issuing: notBefore is the issuing second.
  const at = atTime ?? new Date(Date.now() + 1000);
  return verifyCertificates({ certificates: loaded.certificates, plan, at, store: await new Keystore(storeDir).index(), keyMatchRequired: false });
}

const statusOf = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.status);
const errorsOf = (findings: Finding[]) => findings.filter((f) => f.status === "error").map((f) => `${f.rule}: ${f.message}`);

describe("validator against certificates issued by an openssl CA", () => {
  it("a clean Front End certificate from our CSR has no error and no warning for its role", async () => {
    const { findings, errors } = await findingsFor(feCsr, { san: feNames() }, fePlan);
    expect(errorsOf(findings)).toEqual([]);
    expect(errors).toBe(0);
    expect(findings.filter((f) => f.status === "warning")).toEqual([]);
    expect(statusOf(findings, "X509-CHAIN")).toEqual(["pass"]);
    expect(statusOf(findings, "X509-SIGNATURE")).toEqual(["pass"]);
    expect(statusOf(findings, "X509-KEY-MATCH")).toEqual(["pass"]);
    expect(statusOf(findings, "FE-DEFAULT-SAN-SERVER")).toEqual(["pass"]);
  });

  it.each([
    ["no CDP", { cdp: null }, "COMMON-CDP", "error"],
    ["SHA-1 signature", { digest: "sha1" }, "COMMON-SIG-ALG", "warning"],
    ["MD5 signature", { digest: "md5" }, "COMMON-SIG-ALG", "error"],
    ["RSASSA-PSS signature", { pss: true }, "COMMON-NO-PSS", "error"],
    ["client-only EKU", { eku: "clientAuth" }, "COMMON-EKU-SERVER", "error"],
    ["no EKU", { eku: null }, "COMMON-EKU-SERVER", "error"],
    ["no Key Usage", { keyUsage: null }, "COMMON-KU", "warning"],
  ] as const)("%s → %s %s", async (_what, defect, rule, status) => {
    const { findings } = await findingsFor(feCsr, { san: feNames(), ...defect }, fePlan);
    expect(statusOf(findings, rule)).toContain(status);
  });

  it("missing SAN names are errors that name each missing name and its rule", async () => {
    const { findings } = await findingsFor(feCsr, { san: feNames().filter((n) => n !== "webext.contoso.com" && n !== "fe01.contoso.net") }, fePlan);
    expect(findings.filter((f) => f.status === "error").map((f) => [f.rule, f.message.split(" (")[0]])).toEqual([
      ["FE-DEFAULT-SAN-SERVER", "SAN is missing fe01.contoso.net"],
      ["FE-WEBEXT-SAN-EXTWEB", "SAN is missing webext.contoso.com"],
    ]);
  });

  it("extra SAN names are notices (CONV-REQUIRED-VS-EXTRA)", async () => {
    const { findings, errors } = await findingsFor(feCsr, { san: [...feNames(), "future.contoso.com"] }, fePlan);
    expect(errors).toBe(0);
    expect(findings.find((f) => f.rule === "CONV-REQUIRED-VS-EXTRA")).toMatchObject({ status: "notice", message: expect.stringContaining("future.contoso.com") });
  });

  it("a wildcard subject is an error (WILDCARD-NO-CN); a wrong subject names the expected one", async () => {
    const wild = await findingsFor(feCsr, { san: feNames(), subject: "/CN=*.contoso.com" }, fePlan);
    expect(wild.findings.find((f) => f.field === "subject.CN")).toMatchObject({ rule: "WILDCARD-NO-CN", status: "error" });
    const wrong = await findingsFor(feCsr, { san: feNames(), subject: "/CN=fe01.contoso.net" }, fePlan);
    expect(wrong.findings.find((f) => f.field === "subject.CN")).toMatchObject({
      rule: "FE-DEFAULT-SN",
      status: "error",
      message: expect.stringContaining("expected CN=pool01.contoso.net"),
    });
  });

  it("allowed wildcards pass on the Front End; forbidden ones fail on the Edge (EDGE-EXT-NO-WILDCARD, WILDCARD-EDGE-EXT)", async () => {
    const fe = await findingsFor(
      feCsr,
      { san: ["pool01.contoso.net", "fe01.contoso.net", "sip.contoso.com", "sip.fabrikam.com", "webext.contoso.com", "*.contoso.com", "*.fabrikam.com"] },
      fePlan,
    );
    expect(errorsOf(fe.findings)).toEqual([]);
    expect(statusOf(fe.findings, "AMB-07")).toEqual(["warning"]);
    const edge = await findingsFor(edgeCsr, { san: [...edgePlan.san.map((x) => x.name), "*.webcon.contoso.com"] }, edgePlan);
    expect(statusOf(edge.findings, "EDGE-EXT-NO-WILDCARD")).toEqual(["error"]);
  });

  it("expired is an error; not yet valid, and expiring (the last third of its own lifetime, at most 30 days), are warnings (X509-VALIDITY)", async () => {
    const day = 86_400_000;
    const validity = async (days: number, after: number) =>
      statusOf((await findingsFor(feCsr, { san: feNames(), days }, fePlan, new Date(Date.now() + after * day))).findings, "X509-VALIDITY");
    expect(await validity(365, 400)).toEqual(["error"]);
    expect(await validity(365, -2)).toEqual(["warning"]);
    expect(await validity(365, 340)).toEqual(["warning"]);
    expect(await validity(365, 300)).toEqual(["pass"]);
    // A 45-day public certificate is not "expiring" two weeks after issue, only in its last 15 days.
    expect(await validity(45, 14)).toEqual(["pass"]);
    expect(await validity(45, 32)).toEqual(["warning"]);
  });

  it("an LDAP-only CDP is a warning on the Edge (LC-CDP-LDAP-ONLY), not on a Front End", async () => {
    const cdp = "URI:ldap:///CN=ContosoIssuingCA?certificateRevocationList?base?objectClass=cRLDistributionPoint";
    const edge = await findingsFor(edgeCsr, { san: edgePlan.san.map((x) => x.name), cdp }, edgePlan);
    expect(statusOf(edge.findings, "LC-CDP-LDAP-ONLY")).toEqual(["warning"]);
    expect(statusOf(edge.findings, "COMMON-CDP")).toEqual(["pass"]);
    const fe = await findingsFor(feCsr, { san: feNames(), cdp }, fePlan);
    expect(statusOf(fe.findings, "LC-CDP-LDAP-ONLY")).toEqual(["na"]);
  });

  it("EDGE-EXT-EKU-CLIENT-AOL: an AOL Edge certificate without Client Authentication is an error", async () => {
    const aolPlan = planCertificate(
      siteWith((j) => (j.features.publicImAol = true)),
      { role: "edge-external" },
    );
    const names = aolPlan.san.map((x) => x.name);
    expect(statusOf((await findingsFor(edgeCsr, { san: names }, aolPlan)).findings, "EDGE-EXT-EKU-CLIENT-AOL")).toEqual(["error"]);
    expect(statusOf((await findingsFor(edgeCsr, { san: names, eku: "serverAuth,clientAuth" }, aolPlan)).findings, "EDGE-EXT-EKU-CLIENT-AOL")).toEqual(["pass"]);
  });

  it.each([
    ["RSA 1024", ["-newkey", "rsa:1024"], "COMMON-KEY-LEN", "warning"],
    ["RSA 3072", ["-newkey", "rsa:3072"], "COMMON-KEY-LEN", "error"],
    ["secp256k1", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp256k1"], "COMMON-KEY-ALG", "error"],
    ["RSA-PSS key", ["-newkey", "rsa-pss", "-pkeyopt", "rsa_keygen_bits:2048"], "COMMON-NO-PSS", "error"],
  ])("%s key (openssl CSR) → %s %s", async (name, keyArgs, rule, status) => {
    const csr = opensslCsr(dir, name.replace(/\W/g, ""), keyArgs, "/CN=pool01.contoso.net");
    const { findings } = await findingsFor(csr, { san: feNames() }, fePlan);
    expect(statusOf(findings, rule)).toContain(status);
    expect(statusOf(findings, "X509-KEY-MATCH")).toEqual(["notice"]);
  });

  it("a missing intermediate is reported (X509-CHAIN warning: the chain file, not the certificate, needs replacing), not a shorter chain", async () => {
    const leaf = ca.issue(feCsr, join(dir, "lonely.pem"), { san: feNames() });
    const file = join(dir, "no-intermediate.pem");
    writeFileSync(file, readFileSync(leaf, "utf8") + readFileSync(ca.root, "utf8"));
    const report = await verifyCertificates({ certificates: (await loadCertificates(file)).certificates, plan: fePlan, at: new Date(), store: undefined, keyMatchRequired: false });
    expect(report.findings.find((f) => f.rule === "X509-CHAIN" && f.status === "warning")?.message).toContain(
      'the issuer of the certificate ("CN=Contoso Test Issuing CA, O=Contoso") is not among the certificates given',
    );
  });

  it("a chain through a certificate that is not a CA fails X509-CHAIN", async () => {
    const csr = opensslCsr(dir, "notca", ["-newkey", "rsa:2048"], "/CN=not-a-ca.contoso.com");
    const notCa = ca.issue(csr, join(dir, "not-ca.pem"), { san: ["not-a-ca.contoso.com"], byRoot: true });
    const leaf = ca.issue(feCsr, join(dir, "via-not-ca.pem"), { san: feNames(), signer: { cert: notCa, key: join(dir, "notca.key") } });
    const file = join(dir, "via-not-ca-chain.pem");
    writeFileSync(file, [leaf, notCa, ca.root].map((f) => readFileSync(f, "utf8")).join(""));
    const report = await verifyCertificates({
      certificates: (await loadCertificates(file)).certificates,
      plan: undefined,
      at: new Date(),
      store: undefined,
      keyMatchRequired: false,
    });
    expect(report.findings.filter((f) => f.rule === "X509-CHAIN").map((f) => [f.status, f.message])).toEqual([
      ["error", '"CN=not-a-ca.contoso.com" issued a certificate but is not a CA (basicConstraints cA is not set)'],
      ["error", '"CN=not-a-ca.contoso.com" lacks keyCertSign in its Key Usage'],
    ]);
  });

  it("without a site file, every rule that needs no topology runs and the skipped role checks are listed", async () => {
    const { findings, skipped } = await findingsFor(feCsr, { san: feNames() }, undefined);
    expect(statusOf(findings, "COMMON-EKU-SERVER")).toEqual(["pass"]);
    expect(findings.some((f) => f.rule.startsWith("FE-"))).toBe(false);
    expect(skipped?.rules).toEqual(expect.arrayContaining([expect.stringMatching(/^WILDCARD-NO-CN/), expect.stringMatching(/^LC-CDP-LDAP-ONLY/)]));
  });
});
