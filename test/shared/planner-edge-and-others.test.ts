import { describe, expect, it } from "vitest";
import { signingProfile } from "../../shared/crypto/key-spec";
import { certreqInf } from "../../shared/export/certreq-inf";
import { planCertificate } from "../../shared/planner/plan";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import { exampleSite, siteWith } from "../helpers/sites";

const names = (p: CertificatePlan) => p.san.map((n) => n.name).sort();
const rulesOf = (p: CertificatePlan, name: string) => p.san.find((n) => n.name === name)?.rules ?? [];
const noteRules = (p: CertificatePlan) => p.notes.map((n) => n.rule);

describe("Edge external (§9.1, §9.4)", () => {
  it("EDGE-EXT-SN / EDGE-EXT-SAN-*: CN = AE, SAN = AE, WC, sip.<d>, XMPP names; no A/V FQDN (AMB-10)", () => {
    const p = planCertificate(exampleSite(), { role: "edge-external" });
    expect(p.server).toBe("lsedge.contoso.net");
    expect(p.cn).toBe("sip.contoso.com");
    expect(p.cnRules).toEqual(["EDGE-EXT-SN", "AMB-17"]);
    expect(p.types).toEqual(["AccessEdgeExternal", "DataEdgeExternal", "AudioVideoAuthentication", "XMPPServer"]);
    expect(names(p)).toEqual(["contoso.com", "sip.contoso.com", "sip.fabrikam.com", "webcon.contoso.com", "xmpp.contoso.com"]);
    expect(rulesOf(p, "sip.contoso.com")).toEqual(["EDGE-EXT-SAN-ACCESS", "COMMON-SAN-CONTAINS-SN", "EDGE-EXT-SAN-SIPDOMAINS"]);
    expect(rulesOf(p, "webcon.contoso.com")).toEqual(["EDGE-EXT-SAN-WEBCONF"]);
    expect(rulesOf(p, "contoso.com")).toEqual(["XMPP-SAN-DOMAIN"]);
    expect(rulesOf(p, "xmpp.contoso.com")).toEqual(["XMPP-SAN-XMPPHOST"]);
    expect(names(p)).not.toContain("av.contoso.com");
    expect(noteRules(p)).toEqual(expect.arrayContaining(["EDGE-EXT-SAN-AV", "EDGE-EXT-SAME-POOL", "AMB-04"]));
  });

  it("EDGE-EXT-EXPORTABLE and COMMON-AUTOENROLL-EDGE", () => {
    const p = planCertificate(exampleSite(), { role: "edge-external" });
    expect(p.exportableKey).toBe(true);
    expect(p.exportableRules).toContain("EDGE-EXT-EXPORTABLE");
    expect(p.autoEnrollment).toBe(false);
    expect(p.autoEnrollmentRules).toEqual(["COMMON-AUTOENROLL-EDGE", "EDGE-EXT-NO-AUTOENROLL"]);
    expect(planCertificate(exampleSite(), { role: "edge-external", keyLocation: "server" }).exportableKey).toBe(true);
  });

  it("EDGE-EXT-EKU-CLIENT-AOL: Client Authentication only with AOL public IM", () => {
    expect(planCertificate(exampleSite(), { role: "edge-external" }).eku).toEqual(["serverAuth"]);
    const aol = planCertificate(
      siteWith((j) => (j.features.publicImAol = true)),
      { role: "edge-external" },
    );
    expect(aol.eku).toEqual(["serverAuth", "clientAuth"]);
    expect(aol.ekuRules).toContain("EDGE-EXT-EKU-CLIENT-AOL");
  });

  it("WILDCARD-EDGE-EXT: --wildcards changes nothing on the Edge external certificate", () => {
    const p = planCertificate(exampleSite(), { role: "edge-external", wildcards: true });
    expect(names(p).some((n) => n.includes("*"))).toBe(false);
    expect(noteRules(p)).toContain("EDGE-EXT-NO-WILDCARD");
    expect(p.notes.find((n) => n.rule === "EDGE-EXT-NO-WILDCARD")!.text).toContain("WILDCARD-EDGE-EXT");
  });

  it("no XMPP names or XMPPServer type without XMPP domains", () => {
    const p = planCertificate(
      siteWith((j) => (j.features.xmppDomains = [])),
      { role: "edge-external" },
    );
    expect(p.types).not.toContain("XMPPServer");
    expect(names(p)).toEqual(["sip.contoso.com", "sip.fabrikam.com", "webcon.contoso.com"]);
  });

  it("EDGE-AV-DECOUPLE / EDGE-AV-NAMES: a separate A/V Authentication certificate", () => {
    const av = planCertificate(exampleSite(), { role: "edge-external", types: ["AudioVideoAuthentication"] });
    expect(av.cn).toBe("av.contoso.com");
    expect(av.cnRules).toEqual(["EDGE-AV-NAMES"]);
    expect(av.exportableRules).toContain("EDGE-AV-EXPORTABLE");
    expect(noteRules(av)).toContain("EDGE-AV-ROLL-LEAD");
    const rest = planCertificate(exampleSite(), { role: "edge-external", types: ["AccessEdgeExternal", "DataEdgeExternal"] });
    expect(rest.types).toEqual(["AccessEdgeExternal", "DataEdgeExternal"]);
    expect(rest.cn).toBe("sip.contoso.com");
  });

  it("--server may name the Edge pool or one of its members", () => {
    expect(planCertificate(exampleSite(), { role: "edge-external", server: "edge02.contoso.net" }).server).toBe("lsedge.contoso.net");
  });
});

describe("Edge internal (§9.3)", () => {
  it("EDGE-INT-SN / AMB-16: CN = Edge pool FQDN; exportable for a pool (EDGE-INT-EXPORTABLE)", () => {
    const p = planCertificate(exampleSite(), { role: "edge-internal", keyLocation: "server" });
    expect(p.cn).toBe("lsedge.contoso.net");
    expect(p.types).toEqual(["Internal"]);
    expect(names(p)).toEqual(["lsedge.contoso.net"]);
    expect(p.exportableRules).toEqual(["EDGE-INT-EXPORTABLE"]);
    expect(noteRules(p)).toEqual(expect.arrayContaining(["EDGE-INT-SAN", "EDGE-INT-CHAIN"]));
  });

  it("a single Edge Server generated on the server itself needs no exportable key", () => {
    const s = siteWith((j) => (j.pools[4].servers = ["lsedge.contoso.net"]));
    expect(planCertificate(s, { role: "edge-internal", keyLocation: "server" }).exportableKey).toBe(false);
  });
});

describe("Reverse proxy (§10)", () => {
  it("RP-SN, RP-SAN-*: CN = first pool's EW, every EW, Director EW, simple URLs, OWAS, lyncdiscover; no Admin", () => {
    const p = planCertificate(exampleSite(), { role: "reverse-proxy" });
    expect(p.cn).toBe("webext.contoso.com");
    expect(p.types).toEqual([]);
    expect(p.server).toBeNull();
    expect(rulesOf(p, "webext.contoso.com")).toEqual(["RP-SAN-SN", "COMMON-SAN-CONTAINS-SN", "RP-SAN-POOLS-EXTWEB"]);
    expect(rulesOf(p, "webext-se01.contoso.com")).toEqual(["RP-SAN-POOLS-EXTWEB"]);
    expect(rulesOf(p, "webdirext.contoso.com")).toEqual(["RP-SAN-DIR-EXTWEB"]);
    expect(rulesOf(p, "officewebapps01.contoso.com")).toEqual(["RP-SAN-OWAS", "OWAS-RP-SAN"]);
    expect(rulesOf(p, "lyncdiscover.fabrikam.com")).toEqual(["RP-SAN-LYNCDISCOVER", "MOB-RP-LYNCDISCOVER"]);
    expect(rulesOf(p, "meet.fabrikam.com")).toEqual(["RP-SAN-MEET"]);
    expect(rulesOf(p, "dialin.contoso.com")).toEqual(["RP-SAN-DIALIN"]);
    expect(names(p)).not.toContain("admin.contoso.com");
    expect(noteRules(p)).toContain("RP-NO-ADMIN");
  });

  it("MOB-RP-HTTP-ALT: no lyncdiscover names when Autodiscover is published over HTTP", () => {
    const p = planCertificate(
      siteWith((j) => (j.features.mobilityOverHttps = false)),
      { role: "reverse-proxy" },
    );
    expect(names(p).some((n) => n.startsWith("lyncdiscover"))).toBe(false);
    expect(noteRules(p)).toContain("MOB-RP-HTTP-ALT");
  });

  it("RP-SAN-OWAS only when Office Web Apps is published externally", () => {
    const p = planCertificate(
      siteWith((j) => (j.officeWebApps.publishedExternally = false)),
      { role: "reverse-proxy" },
    );
    expect(names(p)).not.toContain("officewebapps01.contoso.com");
  });

  it("RP-WILDCARD: *.<d> replaces Meet, Dial-in and lyncdiscover; web FQDNs stay explicit", () => {
    const p = planCertificate(exampleSite(), { role: "reverse-proxy", wildcards: true });
    expect(names(p)).toEqual(["*.contoso.com", "*.fabrikam.com", "officewebapps01.contoso.com", "webdirext.contoso.com", "webext-se01.contoso.com", "webext.contoso.com"]);
    expect(rulesOf(p, "*.fabrikam.com")).toEqual(expect.arrayContaining(["RP-WILDCARD", "RP-SAN-MEET", "RP-SAN-LYNCDISCOVER"]));
  });

  it("--server is refused: the reverse proxy certificate is deployment-wide", () => {
    expect(() => planCertificate(exampleSite(), { role: "reverse-proxy", server: "fe01.contoso.net" })).toThrow(/leave --server out/);
  });
});

describe("Mediation, Persistent Chat, SBA, OAuth (§6, §7, §11, §12)", () => {
  it("MED-DEFAULT-*: CN = pool, SAN = pool + this member", () => {
    const p = planCertificate(exampleSite(), { role: "mediation", server: "medsvr02.contoso.net" });
    expect(p.cn).toBe("medsvr-pool.contoso.net");
    expect(p.types).toEqual(["Default"]);
    expect(p.san).toEqual([
      { name: "medsvr-pool.contoso.net", rules: ["MED-DEFAULT-SAN-POOL"] },
      { name: "medsvr02.contoso.net", rules: ["MED-DEFAULT-SAN-SERVER"] },
    ]);
  });

  it("WILDCARD-OTHER-ROLES: no wildcard for Mediation", () => {
    const p = planCertificate(exampleSite(), { role: "mediation", server: "medsvr01.contoso.net", wildcards: true });
    expect(names(p).some((n) => n.includes("*"))).toBe(false);
    expect(noteRules(p)).toContain("MED-WILDCARD");
    expect(p.notes.find((n) => n.rule === "MED-WILDCARD")!.text).toContain("WILDCARD-OTHER-ROLES");
  });

  it("PCHAT-SN-SAN: heuristic names, flagged as unconfirmed", () => {
    const p = planCertificate(exampleSite(), { role: "persistent-chat" });
    expect(p.cn).toBe("pchat-pool.contoso.net");
    expect(names(p)).toEqual(["pchat-pool.contoso.net", "pchat01.contoso.net"]);
    expect(p.notes[0]!.rule).toBe("PCHAT-SN-SAN");
  });

  it("SBA-DEFAULT-SN / SBA-DEFAULT-SAN-SIP: CN = appliance, SAN = sip.<d> only (AMB-05)", () => {
    const p = planCertificate(exampleSite(), { role: "survivable-branch-appliance" });
    expect(p.cn).toBe("sba01.contoso.net");
    expect(p.san).toEqual([
      { name: "sip.contoso.com", rules: ["SBA-DEFAULT-SAN-SIP"] },
      { name: "sip.fabrikam.com", rules: ["SBA-DEFAULT-SAN-SIP"] },
    ]);
    expect(noteRules(p)).toContain("AMB-05");
  });

  it("OAUTH-*: CN = default SIP domain, SAN = every SIP domain, exportable, RSA only, deployment-wide", () => {
    const p = planCertificate(exampleSite(), { role: "oauth-token-issuer" });
    expect(p.cn).toBe("contoso.com");
    expect(p.types).toEqual(["OAuthTokenIssuer"]);
    expect(names(p)).toEqual(["contoso.com", "fabrikam.com"]);
    expect(p.exportableRules).toContain("OAUTH-EXPORTABLE");
    expect(p.rsaOnly).toBe(true);
    expect(noteRules(p)).toEqual(expect.arrayContaining(["AMB-12", "OAUTH-GLOBAL"]));
  });

  it("COMMON-INT-NONEXPORT: internal roles keep the key non-exportable when generated on the server", () => {
    const p = planCertificate(exampleSite(), { role: "mediation", server: "medsvr01.contoso.net", keyLocation: "server" });
    expect(p.exportableKey).toBe(false);
    expect(noteRules(p)).toContain("COMMON-INT-NONEXPORT");
    const w = planCertificate(exampleSite(), { role: "mediation", server: "medsvr01.contoso.net" });
    expect(w.exportableRules).toEqual(["COMMON-EXPORT-IF-MOVED"]);
  });

  it("a role the site has no pool for is refused by name", () => {
    const s = siteWith((j) => (j.pools = j.pools.filter((p: { role: string }) => p.role !== "mediation")));
    expect(() => planCertificate(s, { role: "mediation" })).toThrow(/no mediation pool/);
  });
});

describe("notes that point the admin the right way", () => {
  it("EDGE-AV-DECOUPLE suggests the combined certificate's own types, XMPPServer included", () => {
    const p = planCertificate(exampleSite(), { role: "edge-external" });
    expect(p.notes.find((n) => n.rule === "EDGE-AV-DECOUPLE")!.text).toContain("--types AccessEdgeExternal,DataEdgeExternal,XMPPServer plus --types AudioVideoAuthentication");
  });

  it("the reverse proxy's INF cites RP-EXPORTABLE, not an internal-server rule", () => {
    const plan = planCertificate(exampleSite(), { role: "reverse-proxy", keyLocation: "server" });
    expect(certreqInf({ plan, subject: {}, profile: signingProfile("rsa2048", undefined), template: null, friendlyName: "rp" })).toContain(
      "; RP-EXPORTABLE: generated on the reverse proxy itself; set Exportable = TRUE if several reverse proxies (a farm) share it\r\nExportable = FALSE",
    );
  });

  it("the reverse proxy publishes only the pools the site names", () => {
    const p = planCertificate(
      siteWith((j) => (j.reverseProxy = { publishes: ["pool01.contoso.net"] })),
      { role: "reverse-proxy" },
    );
    expect(p.san.map((n) => n.name)).not.toContain("webdirext.contoso.com");
    expect(p.cn).toBe("webext.contoso.com");
  });
});
