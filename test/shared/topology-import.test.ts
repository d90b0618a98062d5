import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { planCertificate } from "../../shared/planner/plan";
import { parseSite } from "../../shared/site/parse-site";
import { importTopology } from "../../shared/topology/topology-import";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/topology/${name}`, import.meta.url)), "utf8");

describe("topology import (§15)", () => {
  it("reads a Topology Builder document: SIP domains, simple URLs, pools by role, Edge FQDNs, Office Web Apps", () => {
    const { format, site, assumptions } = importTopology(fixture("fabrikam.tbxml"), "fabrikam.tbxml");
    expect(format).toBe("Topology Builder document (.tbxml)");
    const parsed = parseSite(site);
    expect(parsed.sipDomains).toEqual(["fabrikam.com", "litwareinc.com"]);
    expect(parsed.simpleUrls).toEqual({ meet: ["meet.fabrikam.com", "meet.litwareinc.com"], dialin: ["dialin.fabrikam.com"], admin: [] });
    expect(parsed.pools.map((p) => [p.role, p.fqdn, p.servers])).toEqual([
      ["front-end", "fepool.fabrikam.net", ["fe01.fabrikam.net", "fe02.fabrikam.net"]],
      ["director", "dirpool.fabrikam.net", ["dir01.fabrikam.net"]],
      ["edge", "edgepool.fabrikam.net", ["edge01.fabrikam.net", "edge02.fabrikam.net"]],
    ]);
    expect(parsed.pools[0]!.externalWebFqdn).toBe("webext.fabrikam.com");
    expect(parsed.pools[2]).toMatchObject({ accessEdgeFqdn: "sip.fabrikam.com", webConfEdgeFqdn: "webconf.fabrikam.com", avEdgeFqdn: "av.fabrikam.com" });
    expect(parsed.officeWebApps).toEqual({ fqdn: "owas.fabrikam.com", publishedExternally: true });
    expect(assumptions.join("\n")).toMatch(/FE-COLLOCATED-MED/);
    expect(planCertificate(parsed, { role: "edge-external" }).cn).toBe("sip.fabrikam.com");
  });

  it("reads a published topology and says which simple URLs it assumed (TOPO-SIMPLEURL)", () => {
    const { format, site, assumptions } = importTopology(fixture("published.xml"), "published.xml");
    expect(format).toBe("published topology (Topology XML)");
    expect(parseSite(site).pools).toEqual([{ role: "standard-edition", fqdn: "se01.contoso.com", servers: ["se01.contoso.com"], externalWebFqdn: "webext.contoso.com", autoSignInStrictDns: false }]);
    expect(assumptions.filter((a) => a.startsWith("TOPO-SIMPLEURL"))).toHaveLength(2);
    const given = importTopology(fixture("published.xml"), "published.xml", { meet: ["Meet.Contoso.com"], dialin: ["dialin.contoso.com"] });
    expect(given.site.simpleUrls).toEqual({ meet: ["meet.contoso.com"], dialin: ["dialin.contoso.com"], admin: [] });
    expect(given.assumptions.some((a) => a.startsWith("TOPO-SIMPLEURL"))).toBe(false);
  });

  it.each([
    ["billion laughs", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Topology>&lol2;</Topology>', /DOCTYPE or ENTITY declaration/],
    ["an external entity", '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Topology>&xxe;</Topology>', /DOCTYPE or ENTITY declaration/],
    ["broken XML", "<Topology><InternalDomains></Topology>", /not well-formed XML at line 1/],
    ["another document", "<Configuration><x/></Configuration>", /neither TopologyBuilder nor Topology/],
    ["a topology without SIP domains", "<Topology><Clusters/></Topology>", /no InternalDomains \(SIP domains\).*TOPO-SIPDOMAINS/],
  ])("refuses %s with a clear error", (_what, xml, message) => {
    expect(() => importTopology(xml, "t.xml")).toThrow(message);
  });

  it("refuses a document over the size limit", () => {
    expect(() => importTopology(`<Topology>${" ".repeat(17 * 1024 * 1024)}</Topology>`, "big.xml")).toThrow(/larger than a topology document can be/);
  });
});
