import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { csvText } from "../../shared/codec/csv";
import { kitScript, type ScriptCertificate } from "../../shared/export/powershell";
import { planKits, type KitSource, type ServerKit } from "../../shared/kit/kit-plan";
import { kitReadme } from "../../shared/kit/kit-readme";
import { missingLines } from "../../shared/kit/kit-summary";
import { planCertificate } from "../../shared/planner/plan";
import type { PlanRequest } from "../../shared/planner/plan-types";
import type { Site } from "../../shared/site/site-types";
import { powershellTokens, type PsToken } from "../helpers/script-tokens";
import { exampleSite, siteWith } from "../helpers/sites";

const AT = new Date("2026-11-25T12:00:00Z");
let n = 0;
/** A keystore entry as the kit sees it: issued with `errors` errors, or pending when `errors` is undefined. */
function source(site: Site, request: PlanRequest, o: { errors?: number; notAfter?: string; createdAt?: string } = {}): KitSource {
  const i = n++;
  const plan = planCertificate(site, request);
  return {
    id: `${request.role}-${i}`,
    createdAt: o.createdAt ?? "2026-11-20T10:00:00Z",
    plan,
    ...(o.errors === undefined
      ? {}
      : { certificate: { thumbprint: i.toString(16).padStart(40, "A").toUpperCase(), notAfter: o.notAfter ?? "2028-11-25T12:00:00Z", errors: o.errors } }),
  };
}

function kit(kits: ServerKit[], server: string): ServerKit {
  return kits.find((k) => k.server === server)!;
}

describe("planKits: each server with the certificates it needs and their state", () => {
  const site = exampleSite();

  it("Edge certificates go to every member (EDGE-AV-SAME-KEY), OAuthTokenIssuer once to the first Front End (OAUTH-GLOBAL), the reverse proxy its own kit", () => {
    const sources = [
      source(site, { role: "edge-external" }, { errors: 0 }),
      source(site, { role: "edge-internal" }, { errors: 0 }),
      source(site, { role: "oauth-token-issuer" }, { errors: 0 }),
    ];
    const kits = planKits(site, sources, AT);
    expect(kit(kits, "edge01.contoso.net").entries.map((e) => [e.role, e.state, e.requestId, e.sharedWith])).toEqual([
      ["edge-internal", "ready", sources[1]!.id, ["edge02.contoso.net"]],
      ["edge-external", "ready", sources[0]!.id, ["edge02.contoso.net"]],
    ]);
    expect(kit(kits, "edge02.contoso.net").entries.map((e) => e.requestId)).toEqual([sources[1]!.id, sources[0]!.id]);
    expect(kits.filter((k) => k.entries.some((e) => e.role === "oauth-token-issuer")).map((k) => k.server)).toEqual(["fe01.contoso.net"]);
    expect(kit(kits, "reverse-proxy")).toMatchObject({ kind: "reverse-proxy", entries: [{ role: "reverse-proxy", state: "not-requested" }] });
    expect(kit(kits, "fe02.contoso.net").entries.map((e) => [e.role, e.state])).toEqual([["front-end", "not-requested"]]);
  });

  it("states: pending, needs re-issue, expired, site changed; the best of several requests wins", () => {
    const fe01 = { role: "front-end", server: "fe01.contoso.net" } as const;
    const faulty = source(site, fe01, { errors: 2 });
    const good = source(site, fe01, { errors: 0 });
    const kits = planKits(
      site,
      [
        faulty,
        good,
        source(site, { role: "director", server: "dir01.contoso.net" }),
        source(site, { role: "mediation", server: "medsvr01.contoso.net" }, { errors: 0, notAfter: "2026-11-01T00:00:00Z" }),
      ],
      AT,
    );
    expect(kit(kits, "fe01.contoso.net").entries[0]).toMatchObject({ state: "ready", requestId: good.id });
    expect(kit(kits, "dir01.contoso.net").entries[0]).toMatchObject({ state: "pending", why: "requested, the CA's answer not imported yet" });
    expect(kit(kits, "medsvr01.contoso.net").entries[0]).toMatchObject({ state: "expired", why: "expired 2026-11-01: renew it" });
    expect(planKits(site, [faulty], AT).find((k) => k.server === "fe01.contoso.net")!.entries[0]).toMatchObject({ state: "needs-reissue" });

    // A SIP domain added after the certificate was issued: the old certificate lacks sip.<new domain>.
    const grown = siteWith((j) => (j.sipDomains.push("litwareinc.com"), j.simpleUrls.meet.push("meet.litwareinc.com")));
    expect(planKits(grown, [good], AT).find((k) => k.server === "fe01.contoso.net")!.entries[0]).toMatchObject({
      state: "site-changed",
      why: expect.stringMatching(/^the site now needs .*sip\.litwareinc\.com.*, which the request lacks: the certificate needs re-issue$/),
    });
  });

  it("separate Default / web certificates are expected when that is how the server's requests were made", () => {
    const types = [["Default"], ["WebServicesInternal"], ["WebServicesExternal"]] as const;
    const sources = types.slice(0, 2).map((t) => source(site, { role: "front-end", server: "fe03.contoso.net", types: [...t] }, { errors: 0 }));
    const entries = kit(planKits(site, sources, AT), "fe03.contoso.net").entries;
    expect(entries.map((e) => [e.fileName, e.state])).toEqual([
      ["front-end-Default.pfx", "ready"],
      ["front-end-WebServicesInternal.pfx", "ready"],
      ["front-end-WebServicesExternal.pfx", "not-requested"],
    ]);
  });
});

/** Golden files: reviewed once by a person, then pinned. UPDATE_GOLDEN=1 rewrites them. */
function golden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

function scriptCertificates(k: ServerKit, friendlyName: (role: string) => string): ScriptCertificate[] {
  const site = exampleSite();
  return k.entries
    .filter((e) => e.state === "ready")
    .map((e) => ({
      plan: planCertificate(site, { role: e.role, ...(e.target && e.role !== "reverse-proxy" && e.role !== "oauth-token-issuer" ? { server: e.target } : {}) }),
      thumbprint: e.thumbprint!,
      friendlyName: friendlyName(e.role),
      pfxFileName: e.fileName,
      notAfter: new Date(e.notAfter!),
      requestId: e.requestId!,
      issuers: [{ thumbprint: "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", subject: "CN=Contoso Test Root CA", root: true }],
    }));
}

describe("kit scripts and READMEs (golden)", () => {
  const site = exampleSite();
  n = 0;
  const sources = [
    source(site, { role: "edge-external" }, { errors: 0 }),
    source(site, { role: "edge-internal" }, { errors: 0 }),
    source(site, { role: "front-end", server: "fe01.contoso.net" }, { errors: 0 }),
    source(site, { role: "oauth-token-issuer" }, { errors: 0 }),
    source(site, { role: "reverse-proxy" }, { errors: 0 }),
    source(site, { role: "director", server: "dir01.contoso.net" }),
  ];
  const kits = planKits(site, sources, AT);

  it.each(["edge01.contoso.net", "fe01.contoso.net", "reverse-proxy", "dir01.contoso.net"])("%s", (server) => {
    const k = kit(kits, server);
    const certificates = scriptCertificates(k, (role) => `LyncCert ${role}`);
    if (certificates.length) golden(`kit-${server}.ps1`, kitScript({ server: k.server, kind: k.kind, certificates, missing: missingLines(k) }));
    golden(`kit-${server}.txt`, kitReadme({ kit: k, madeAt: AT, profileTitle: "compat", friendlyNames: new Map(certificates.map((c) => [c.requestId, c.friendlyName])) }));
  });

  it("a kit's script installs Edge internal before external, and stages A/V Authentication with -Roll", () => {
    const k = kit(kits, "edge01.contoso.net");
    const script = kitScript({ server: k.server, kind: k.kind, certificates: scriptCertificates(k, () => "x"), missing: [] });
    expect(script.indexOf("'edge-internal.pfx'")).toBeLessThan(script.indexOf("'edge-external.pfx'"));
    expect(script).toContain("Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint -Roll -EffectiveDate $effective");
    expect(script).toContain("param([switch]$Roll, [string]$KitPath)");
  });
});

const BENIGN = "Benign name";
const HOSTILE = ["Bob\u2019s cert", "'; Remove-Item -Recurse C:\\ ; '", "$(Start-Process calc)", "`n #> <#", "''''"];
const expectedToken = (t: PsToken, name: string): PsToken => (t.kind === "sq" || t.kind === "comment" ? { kind: t.kind, text: t.text.split(BENIGN).join(name) } : t);

describe("kit scripts survive any name (tokenizer-level check, as the single-certificate scripts)", () => {
  const site = exampleSite();
  const sources = [source(site, { role: "front-end", server: "fe01.contoso.net" }, { errors: 0 }), source(site, { role: "oauth-token-issuer" }, { errors: 0 })];
  const k = kit(planKits(site, sources, AT), "fe01.contoso.net");
  const make = (name: string) => kitScript({ server: k.server, kind: k.kind, certificates: scriptCertificates(k, () => name), missing: [`a certificate named ${name}`] });

  it.each(HOSTILE)("%j stays a literal or a comment", (name) => {
    expect(powershellTokens(make(name))).toEqual(powershellTokens(make(BENIGN)).map((t) => expectedToken(t, name)));
  });
});

describe("csvText", () => {
  it("quotes as RFC 4180 and keeps Excel from reading a cell as a formula", () => {
    expect(csvText([["a,b", 'say "hi"', "=HYPERLINK(1)", "-1", "plain"]])).toBe('"a,b","say ""hi""",\'=HYPERLINK(1),\'-1,plain\r\n');
  });
});

describe("each kit README speaks of its own roles", () => {
  it("a Front End's names the OAuthTokenIssuer roll and no Edge pool; an Edge member's the A/V roll on every member", () => {
    const site = exampleSite();
    const kits = planKits(site, [source(site, { role: "edge-external" }, { errors: 0 }), source(site, { role: "oauth-token-issuer" }, { errors: 0 })], AT);
    const readme = (server: string) => kitReadme({ kit: kit(kits, server), madeAt: AT, profileTitle: "compat", friendlyNames: new Map() });
    expect(readme("fe01.contoso.net")).not.toMatch(/Edge/);
    expect(readme("fe01.contoso.net")).toContain("run it on this server only, replication copies it to every Front End (OAUTH-GLOBAL)");
    expect(readme("edge01.contoso.net")).toContain("run it on every member of the Edge pool before the first EffectiveDate (EDGE-AV-ROLL-POOL)");
    expect(readme("edge01.contoso.net")).not.toMatch(/OAuthTokenIssuer/);
  });
});
