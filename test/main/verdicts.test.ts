import { readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CertificatePlan, PlanRequest } from "../../shared/planner/plan-types";
import type { Site } from "../../shared/site/site-types";
import type { Finding } from "../../shared/validator/finding";
import { loadCertificates, verifyCertificates } from "../../src-main/services/certificate-service";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { createRequest } from "../../src-main/services/request-service";
import { siteWith } from "../helpers/sites";
import { TestCa, type IssueOptions } from "../helpers/test-ca";

const dir = mkdtempSync(join(tmpdir(), "lynccert-verdicts-"));
let ca: TestCa;
let trusted: string[];
beforeAll(() => {
  ca = TestCa.create(join(dir, "ca"));
  trusted = [readFileSync(ca.root, "utf8")];
});

let n = 0;
/** A request for the plan, issued by the openssl CA with `issue` options, checked as leaf + intermediate. */
async function verdict(
  site: Site,
  planRequest: PlanRequest,
  issue: (plan: CertificatePlan) => IssueOptions,
  o: { trustRoot?: boolean; withRoot?: boolean } = {},
): Promise<{ plan: CertificatePlan; findings: Finding[] }> {
  const i = n++;
  const csr = join(dir, `v${i}.req`);
  const store = new Keystore(join(dir, `s${i}`));
  const { plan } = await createRequest({
    site,
    planRequest,
    key: "rsa2048",
    hash: undefined,
    subject: {},
    template: "WebServer",
    passphrase: "verdict-passphrase",
    store,
    out: csr,
    crlf: false,
    force: false,
  });
  const leaf = ca.issue(csr, join(dir, `v${i}.pem`), issue(plan));
  const bundle = join(dir, `v${i}-bundle.pem`);
  writeFileSync(bundle, [leaf, ca.intermediate, ...(o.withRoot ? [ca.root] : [])].map((f) => readFileSync(f, "utf8")).join(""));
  const report = await verifyCertificates({
    certificates: (await loadCertificates(bundle)).certificates,
    plan,
    at: new Date(),
    store: await store.index(),
    keyMatchRequired: true,
    trustedRoots: o.trustRoot === false ? [] : trusted,
  });
  return { plan, findings: report.findings };
}

const loud = (findings: Finding[]) => findings.filter((f) => f.status === "error" || f.status === "warning");
const ruleOf = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
const exactly = (plan: CertificatePlan): IssueOptions => ({ san: plan.san.map((s) => s.name), eku: plan.eku.join(",") });
const standard = () => siteWith(() => {});

describe("false alarms removed (each reproduced with the openssl CA)", () => {
  it("root absent is normal: leaf + intermediate of a private root gives a notice naming where the chain ends, never an error", async () => {
    const { findings } = await verdict(standard(), { role: "front-end", server: "fe01.contoso.net" }, exactly, { trustRoot: false });
    expect(ruleOf(findings, "X509-CHAIN")).toContainEqual(
      expect.objectContaining({
        status: "notice",
        message: expect.stringContaining(
          'the chain ends at "CN=Contoso Test Issuing CA, O=Contoso"; its issuer "CN=Contoso Test Root CA, O=Contoso" was not given and is not a public root',
        ),
      }),
    );
    expect(loud(findings)).toEqual([]);
  }, 60_000);

  it("a chain ending in a trusted root is completed from the trust store and named", async () => {
    const { findings } = await verdict(standard(), { role: "front-end", server: "fe01.contoso.net" }, exactly);
    expect(ruleOf(findings, "X509-CHAIN")[0]).toMatchObject({ status: "pass", message: expect.stringMatching(/→ CN=Contoso Test Root CA, O=Contoso \(a public root\)$/) });
  }, 60_000);

  it("public or private CA: the Edge external certificate warns (EDGE-EXT-CA-PUBLIC), the reverse proxy's is a notice (RP-CA-PUBLIC)", async () => {
    const edge = await verdict(standard(), { role: "edge-external" }, exactly, { trustRoot: false });
    expect(ruleOf(edge.findings, "EDGE-EXT-CA-PUBLIC")).toEqual([
      expect.objectContaining({ status: "warning", message: expect.stringContaining("not a public root: federation partners") }),
    ]);
    const rp = await verdict(standard(), { role: "reverse-proxy" }, exactly, { trustRoot: false });
    expect(ruleOf(rp.findings, "RP-CA-PUBLIC")).toEqual([expect.objectContaining({ status: "notice" })]);
    const trustedEdge = await verdict(standard(), { role: "edge-external" }, exactly);
    expect(ruleOf(trustedEdge.findings, "EDGE-EXT-CA-PUBLIC")).toEqual([
      expect.objectContaining({ status: "pass", message: 'issued under the public root "CN=Contoso Test Root CA, O=Contoso"' }),
    ]);
  }, 60_000);

  it("SHA-224, which the reference accepts, is verified (no 'damaged', no chain error)", async () => {
    const { findings } = await verdict(standard(), { role: "mediation", server: "medsvr01.contoso.net" }, (p) => ({ ...exactly(p), digest: "sha224" }));
    expect(ruleOf(findings, "COMMON-SIG-ALG")[0]).toMatchObject({ status: "pass", message: "sha224WithRSAEncryption" });
    expect(ruleOf(findings, "X509-SIGNATURE")[0]).toMatchObject({ status: "pass" });
    expect(loud(findings)).toEqual([]);
  }, 60_000);

  it("MD5 is refused by its own rule only: the signature still verifies and the chain has no error", async () => {
    const { findings } = await verdict(standard(), { role: "mediation", server: "medsvr01.contoso.net" }, (p) => ({ ...exactly(p), digest: "md5" }));
    expect(loud(findings).map((f) => f.rule)).toEqual(["COMMON-SIG-ALG"]);
    expect(ruleOf(findings, "X509-SIGNATURE")[0]).toMatchObject({ status: "pass" });
  }, 60_000);

  it("EDGE-EXT-SAN-SIPDOMAINS keeps its condition: with federation and automatic configuration off, sip.<domain> may be absent", async () => {
    const site = siteWith((j) => ((j.features.federation = false), (j.features.autoConfigMultiDomain = false)));
    const { findings } = await verdict(site, { role: "edge-external" }, (p) => ({ ...exactly(p), san: p.san.map((s) => s.name).filter((x) => !x.startsWith("sip.fabrikam")) }));
    expect(loud(findings)).toEqual([]);
    expect(findings.find((f) => f.message.includes("sip.fabrikam.com"))).toMatchObject({
      status: "notice",
      message: expect.stringContaining("neither federation nor automatic client configuration is on"),
    });
    const required = await verdict(standard(), { role: "edge-external" }, (p) => ({ ...exactly(p), san: p.san.map((s) => s.name).filter((x) => !x.startsWith("sip.fabrikam")) }));
    expect(loud(required.findings)).toEqual([
      expect.objectContaining({ status: "error", message: expect.stringContaining("because federation or automatic client configuration is on (F_FED_OR_AUTOCFG)") }),
    ]);
  }, 60_000);

  it("AMB-09: lyncdiscoverinternal.<internal domain> is offered, not required", async () => {
    const site = siteWith((j) => (j.features.lyncdiscoverInternalDomain = true));
    const { findings } = await verdict(site, { role: "front-end", server: "fe01.contoso.net" }, (p) => ({
      ...exactly(p),
      san: p.san.map((s) => s.name).filter((x) => x !== "lyncdiscoverinternal.contoso.net"),
    }));
    expect(loud(findings)).toEqual([]);
  }, 60_000);

  it("COMMON-SIPINTEXT per SIP domain: only the domains that have the records are required", async () => {
    const site = siteWith((j) => (j.features.sipInternalExternalDomains = ["contoso.com"]));
    const { plan, findings } = await verdict(site, { role: "front-end", server: "fe01.contoso.net" }, exactly);
    expect(plan.san.map((s) => s.name).filter((x) => x.startsWith("sip") && x.includes("ernal"))).toEqual(["sipinternal.contoso.com", "sipexternal.contoso.com"]);
    expect(loud(findings)).toEqual([]);
  }, 60_000);

  it.each([
    ["the XMPP domain alone (S-XMPP)", (names: string[]) => names.filter((x) => x !== "xmpp.contoso.com")],
    ["the XMPP domain and xmpp.<domain>", (names: string[]) => names],
    ["xmpp.<domain> and *.<domain> (Edge summaries)", (names: string[]) => [...names.filter((x) => x !== "contoso.com"), "*.contoso.com"]],
  ])(
    "every documented XMPP shape passes (AMB-04): %s",
    async (_shape, shape) => {
      const { findings } = await verdict(standard(), { role: "edge-external" }, (p) => ({ ...exactly(p), san: shape(p.san.map((s) => s.name)) }));
      expect(loud(findings)).toEqual([]);
    },
    60_000,
  );

  it("a decoupled A/V Authentication certificate without SANs is fine (EDGE-AV-NAMES: names are not used)", async () => {
    const { findings } = await verdict(standard(), { role: "edge-external", types: ["AudioVideoAuthentication"] }, () => ({ san: [], subject: "/CN=av-auth.contoso.com" }));
    expect(loud(findings)).toEqual([]);
    expect(ruleOf(findings, "EDGE-AV-NAMES").every((f) => f.status === "notice" || f.status === "pass")).toBe(true);
  }, 60_000);

  it("Persistent Chat names are unconfirmed: other names are at most a notice", async () => {
    const { findings } = await verdict(standard(), { role: "persistent-chat" }, () => ({ san: ["chat01.contoso.net"], subject: "/CN=chat01.contoso.net" }));
    expect(loud(findings)).toEqual([]);
    expect(ruleOf(findings, "PCHAT-SN-SAN").some((f) => f.status === "notice")).toBe(true);
  }, 60_000);

  it("the reverse proxy publishes pools, not the first pool in the file: a Front End pool's name as subject passes with a Standard Edition pool listed first", async () => {
    const site = siteWith((j) => j.pools.unshift(j.pools.splice(1, 1)[0]));
    const { plan, findings } = await verdict(site, { role: "reverse-proxy" }, (p) => ({ ...exactly(p), subject: "/CN=webext-se01.contoso.com" }));
    expect(plan.san.map((s) => s.name)).toEqual(expect.arrayContaining(["webext.contoso.com", "webext-se01.contoso.com", "webdirext.contoso.com"]));
    expect(loud(findings)).toEqual([]);
  }, 60_000);
});

describe("misses caught", () => {
  it("reverse proxy: a critical EKU is a warning (RP-EKU-CLIENT, S-RP-REQ)", async () => {
    const { findings } = await verdict(standard(), { role: "reverse-proxy" }, (p) => ({ ...exactly(p), eku: "critical,serverAuth" }));
    expect(loud(findings)).toEqual([expect.objectContaining({ rule: "RP-EKU-CLIENT", status: "warning" })]);
  }, 60_000);

  it("reverse proxy: a non-critical Key Usage is a warning under RP-KU, not a COMMON-KU notice", async () => {
    const { findings } = await verdict(standard(), { role: "reverse-proxy" }, (p) => ({ ...exactly(p), keyUsage: "digitalSignature,keyEncipherment" }));
    expect(loud(findings)).toEqual([expect.objectContaining({ rule: "RP-KU", status: "warning", message: expect.stringContaining("not marked critical") })]);
    expect(ruleOf(findings, "COMMON-KU")).toEqual([expect.objectContaining({ status: "na" })]);
  }, 60_000);
});
