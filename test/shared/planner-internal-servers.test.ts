import { describe, expect, it } from "vitest";
import { planCertificate } from "../../shared/planner/plan";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import { exampleSite, siteWith } from "../helpers/sites";

const names = (p: CertificatePlan) => p.san.map((n) => n.name).sort();
const rulesOf = (p: CertificatePlan, name: string) => p.san.find((n) => n.name === name)?.rules ?? [];

describe("Front End Server (§4)", () => {
  const site = exampleSite();

  it("FE-COMBINED: CN = pool, SAN = union of Default, web internal, web external and mobility", () => {
    const p = planCertificate(site, { role: "front-end", server: "fe01.contoso.net" });
    expect(p.types).toEqual(["Default", "WebServicesInternal", "WebServicesExternal"]);
    expect(p.cn).toBe("pool01.contoso.net");
    expect(p.cnRules).toEqual(["FE-DEFAULT-SN"]);
    expect(names(p)).toEqual(
      [
        "pool01.contoso.net",
        "fe01.contoso.net",
        "sip.contoso.com",
        "sip.fabrikam.com",
        "meet.contoso.com",
        "meet.fabrikam.com",
        "dialin.contoso.com",
        "admin.contoso.com",
        "webext.contoso.com",
        "lyncdiscoverinternal.contoso.com",
        "lyncdiscoverinternal.fabrikam.com",
        "lyncdiscover.contoso.com",
        "lyncdiscover.fabrikam.com",
      ].sort(),
    );
    expect(rulesOf(p, "pool01.contoso.net")).toEqual(expect.arrayContaining(["FE-DEFAULT-SAN-POOL", "FE-WEBINT-SAN-POOL", "FE-WEBINT-SAN-INTWEB"]));
    expect(rulesOf(p, "fe01.contoso.net")).toEqual(expect.arrayContaining(["FE-DEFAULT-SAN-SERVER", "FE-WEBINT-SAN-SERVER"]));
    expect(rulesOf(p, "sip.fabrikam.com")).toEqual(["FE-DEFAULT-SAN-SIP-AUTOCFG"]);
    expect(rulesOf(p, "webext.contoso.com")).toEqual(["FE-WEBEXT-SAN-EXTWEB"]);
    expect(rulesOf(p, "lyncdiscover.contoso.com")).toEqual(["MOB-SAN-LYNCDISCOVER"]);
    expect(p.notes.map((n) => n.rule)).toEqual(expect.arrayContaining(["AMB-01", "AMB-06"]));
  });

  it("FE-DEFAULT-SAN-SERVER / FE-PER-SERVER: only this member, never the other members", () => {
    const p = planCertificate(site, { role: "front-end", server: "fe02.contoso.net" });
    expect(names(p)).toContain("fe02.contoso.net");
    expect(names(p)).not.toContain("fe01.contoso.net");
    expect(names(p)).not.toContain("fe03.contoso.net");
  });

  it("separate Default: pool, server, sip.<d>; no web or mobility names (MOB-ASSIGN-SEPARATE)", () => {
    const p = planCertificate(site, { role: "front-end", server: "fe01.contoso.net", types: ["Default"] });
    expect(names(p)).toEqual(["fe01.contoso.net", "pool01.contoso.net", "sip.contoso.com", "sip.fabrikam.com"]);
    expect(p.notes.map((n) => n.rule)).toContain("MOB-ASSIGN-SEPARATE");
  });

  it("separate WebServicesExternal: EW, Meet, Dial-in, lyncdiscover; Admin left out (AMB-06)", () => {
    const p = planCertificate(site, { role: "front-end", server: "fe01.contoso.net", types: ["WebServicesExternal"] });
    expect(p.cn).toBe("pool01.contoso.net");
    expect(p.cnRules).toEqual(["FE-WEBEXT-SN"]);
    expect(names(p)).toEqual(["dialin.contoso.com", "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com", "meet.contoso.com", "meet.fabrikam.com", "webext.contoso.com"]);
    expect(rulesOf(p, "lyncdiscover.contoso.com")).toEqual(["MOB-SAN-LYNCDISCOVER", "MOB-ASSIGN-SEPARATE"]);
    expect(p.notes.map((n) => n.rule)).toContain("AMB-02");
  });

  it("separate WebServicesInternal: IW override, server, pool, all simple URLs, lyncdiscoverinternal", () => {
    const s = siteWith((j) => (j.pools[0].internalWebFqdn = "webint.contoso.net"));
    const p = planCertificate(s, { role: "front-end", server: "fe01.contoso.net", types: ["WebServicesInternal"] });
    expect(rulesOf(p, "webint.contoso.net")).toEqual(["FE-WEBINT-SAN-INTWEB"]);
    expect(rulesOf(p, "pool01.contoso.net")).toEqual(["FE-WEBINT-SAN-POOL"]);
    expect(rulesOf(p, "admin.contoso.com")).toEqual(["FE-WEBINT-SAN-ADMIN"]);
    expect(rulesOf(p, "lyncdiscoverinternal.fabrikam.com")).toEqual(["MOB-SAN-LYNCDISCOVERINTERNAL", "MOB-ASSIGN-SEPARATE"]);
    expect(names(p)).not.toContain("lyncdiscover.contoso.com");
  });

  it("FE-DEFAULT-SAN-SIP-STRICTDNS: sip.<d> for every SIP domain when the pool is the strict-DNS sign-in target", () => {
    const s = siteWith((j) => {
      j.features.autoConfigMultiDomain = false;
      j.pools[0].autoSignInStrictDns = true;
    });
    const p = planCertificate(s, { role: "front-end", server: "fe01.contoso.net", types: ["Default"] });
    expect(rulesOf(p, "sip.contoso.com")).toEqual(["FE-DEFAULT-SAN-SIP-STRICTDNS"]);
    expect(rulesOf(p, "sip.fabrikam.com")).toEqual(["FE-DEFAULT-SAN-SIP-STRICTDNS"]);
  });

  it("no sip.<d> without strict DNS or multi-domain auto-configuration", () => {
    const s = siteWith((j) => (j.features.autoConfigMultiDomain = false));
    const p = planCertificate(s, { role: "front-end", server: "fe01.contoso.net", types: ["Default"] });
    expect(names(p)).toEqual(["fe01.contoso.net", "pool01.contoso.net"]);
  });

  it("FE-DEFAULT-SAN-SIP-AUTOCFG applies only with more than one SIP domain (F_AUTOCFG_MULTI)", () => {
    const s = siteWith((j) => {
      j.sipDomains = ["contoso.com"];
      j.simpleUrls.meet = ["meet.contoso.com"];
    });
    const p = planCertificate(s, { role: "front-end", server: "fe01.contoso.net", types: ["Default"] });
    expect(names(p)).not.toContain("sip.contoso.com");
  });

  it("COMMON-SIPINTEXT / FE-DEFAULT-SAN-SIPINTEXT: sipinternal and sipexternal per SIP domain", () => {
    const s = siteWith((j) => (j.features.sipInternalExternalRecords = true));
    const p = planCertificate(s, { role: "front-end", server: "fe01.contoso.net", types: ["Default"] });
    for (const n of ["sipinternal.contoso.com", "sipexternal.contoso.com", "sipinternal.fabrikam.com", "sipexternal.fabrikam.com"]) {
      expect(rulesOf(p, n)).toEqual(["FE-DEFAULT-SAN-SIPINTEXT", "COMMON-SIPINTEXT"]);
    }
  });

  it("AMB-09: lyncdiscoverinternal.<internal domain> only with the toggle", () => {
    const off = planCertificate(exampleSite(), { role: "front-end", server: "fe01.contoso.net" });
    expect(names(off)).not.toContain("lyncdiscoverinternal.contoso.net");
    const s = siteWith((j) => (j.features.lyncdiscoverInternalDomain = true));
    const on = planCertificate(s, { role: "front-end", server: "fe01.contoso.net" });
    expect(rulesOf(on, "lyncdiscoverinternal.contoso.net")).toEqual(["MOB-SAN-LYNCDISCOVERINTERNAL", "AMB-09"]);
  });

  it("no mobility names without F_MOBILITY", () => {
    const s = siteWith((j) => (j.features.mobility = false));
    const p = planCertificate(s, { role: "front-end", server: "fe01.contoso.net" });
    expect(names(p).some((n) => n.startsWith("lyncdiscover"))).toBe(false);
  });

  it("WILDCARD-FE-WEB / WILDCARD-KEEP-EXPLICIT: wildcards replace simple URLs and lyncdiscover only", () => {
    const p = planCertificate(site, { role: "front-end", server: "fe01.contoso.net", wildcards: true });
    expect(names(p)).toEqual(["*.contoso.com", "*.fabrikam.com", "fe01.contoso.net", "pool01.contoso.net", "sip.contoso.com", "sip.fabrikam.com", "webext.contoso.com"]);
    expect(rulesOf(p, "*.contoso.com")).toEqual(expect.arrayContaining(["WILDCARD-FE-WEB", "WILDCARD-ONE-LABEL", "FE-WEBINT-SAN-MEET", "MOB-SAN-LYNCDISCOVER"]));
    expect(p.cn).toBe("pool01.contoso.net");
    expect(p.notes.map((n) => n.rule)).toEqual(expect.arrayContaining(["AMB-07", "WILDCARD-DEVICES"]));
  });

  it("FE-PER-SERVER: naming the pool instead of a member is refused", () => {
    expect(() => planCertificate(site, { role: "front-end", server: "pool01.contoso.net" })).toThrow(/is a pool.*FE-PER-SERVER.*fe01.contoso.net/);
  });

  it("--server is needed when the role has several candidates, and must exist", () => {
    expect(() => planCertificate(site, { role: "front-end" })).toThrow(/--server is needed.*fe01.contoso.net, fe02.contoso.net, fe03.contoso.net/);
    expect(() => planCertificate(site, { role: "front-end", server: "fe09.contoso.net" })).toThrow(/no front-end server has that name/);
  });

  it("SE-DEFAULT-S2S: OAuthTokenIssuer only together with Default, and then exportable", () => {
    expect(() => planCertificate(site, { role: "front-end", server: "fe01.contoso.net", types: ["OAuthTokenIssuer"] })).toThrow(/SE-DEFAULT-S2S/);
    const p = planCertificate(site, { role: "front-end", server: "fe01.contoso.net", types: ["Default", "OAuthTokenIssuer"] });
    expect(p.exportableRules).toContain("OAUTH-EXPORTABLE");
    expect(p.rsaOnly).toBe(true);
  });

  it("types that do not belong to the role are refused", () => {
    expect(() => planCertificate(site, { role: "front-end", server: "fe01.contoso.net", types: ["AccessEdgeExternal"] })).toThrow(/cannot be on a Front End/);
  });
});

describe("Standard Edition server (§3)", () => {
  const site = exampleSite();

  it("SE-COMBINED: CN = server = pool; IW = server; EW; simple URLs", () => {
    const p = planCertificate(site, { role: "standard-edition" });
    expect(p.server).toBe("se01.contoso.net");
    expect(p.cn).toBe("se01.contoso.net");
    expect(p.cnRules).toEqual(["SE-DEFAULT-SN"]);
    expect(rulesOf(p, "se01.contoso.net")).toEqual(expect.arrayContaining(["SE-DEFAULT-SAN-POOL", "SE-DEFAULT-SAN-SERVER", "SE-WEBINT-SAN-INTWEB"]));
    expect(rulesOf(p, "webext-se01.contoso.com")).toEqual(["SE-WEBEXT-SAN-EXTWEB"]);
    expect(rulesOf(p, "admin.contoso.com")).toEqual(["SE-WEBINT-SAN-ADMIN"]);
  });

  it("SE-WEBEXT-NO-ADMIN: the external web certificate has no Admin URL", () => {
    const p = planCertificate(site, { role: "standard-edition", types: ["WebServicesExternal"] });
    expect(p.cnRules).toEqual(["SE-WEBEXT-SN"]);
    expect(p.san.map((n) => n.name)).not.toContain("admin.contoso.com");
  });
});

describe("Director (§5)", () => {
  const site = exampleSite();

  it("DIR-COMBINED-SN: a scaled Director pool's combined certificate has CN = pool FQDN", () => {
    const p = planCertificate(site, { role: "director", server: "dir02.contoso.net" });
    expect(p.cn).toBe("dirpool.contoso.net");
    expect(p.cnRules).toEqual(["DIR-COMBINED-SN"]);
    expect(rulesOf(p, "dir02.contoso.net")).toEqual(expect.arrayContaining(["DIR-DEFAULT-SAN-SERVER", "DIR-WEBINT-SAN-SERVER"]));
    expect(rulesOf(p, "webdirext.contoso.com")).toEqual(["DIR-WEBEXT-SAN-EXTWEB"]);
  });

  it("DIR-COMBINED-SN: a single Director's combined certificate has CN = server FQDN", () => {
    const s = siteWith((j) => (j.pools[2].servers = ["dir01.contoso.net"]));
    const p = planCertificate(s, { role: "director", server: "dir01.contoso.net" });
    expect(p.cn).toBe("dir01.contoso.net");
  });

  it("DIR-WEBINT-SN / DIR-WEBEXT-SN: separate web certificates use the server FQDN", () => {
    expect(planCertificate(site, { role: "director", server: "dir01.contoso.net", types: ["WebServicesInternal"] }).cn).toBe("dir01.contoso.net");
    const ext = planCertificate(site, { role: "director", server: "dir01.contoso.net", types: ["WebServicesExternal"] });
    expect(ext.cn).toBe("dir01.contoso.net");
    expect(ext.cnRules).toEqual(["DIR-WEBEXT-SN"]);
  });

  it("DIR-DEFAULT-SN: a separate Default certificate uses the pool FQDN", () => {
    const p = planCertificate(site, { role: "director", server: "dir01.contoso.net", types: ["Default"] });
    expect(p.cn).toBe("dirpool.contoso.net");
    expect(p.cnRules).toEqual(["DIR-DEFAULT-SN"]);
  });

  it("WILDCARD-DIR-WEB: Director wildcards cite the Director rule", () => {
    const p = planCertificate(site, { role: "director", server: "dir01.contoso.net", wildcards: true });
    expect(rulesOf(p, "*.contoso.com")).toContain("WILDCARD-DIR-WEB");
  });
});
