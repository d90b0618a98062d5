import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { planCertificate } from "../../shared/planner/plan";
import { parseSite } from "../../shared/site/parse-site";
import { importTopology } from "../../shared/topology/topology-import";
import { xmlText } from "../../shared/topology/xml-document";

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
    expect(parseSite(site).pools).toEqual([
      { role: "standard-edition", fqdn: "se01.contoso.com", servers: ["se01.contoso.com"], externalWebFqdn: "webext.contoso.com", autoSignInStrictDns: false },
    ]);
    expect(assumptions.filter((a) => a.startsWith("TOPO-SIMPLEURL"))).toHaveLength(2);
    const given = importTopology(fixture("published.xml"), "published.xml", { meet: ["Meet.Contoso.com"], dialin: ["dialin.contoso.com"] });
    expect(given.site.simpleUrls).toEqual({ meet: ["meet.contoso.com"], dialin: ["dialin.contoso.com"], admin: [] });
    expect(given.assumptions.some((a) => a.startsWith("TOPO-SIMPLEURL"))).toBe(false);
  });

  it.each([
    [
      "billion laughs",
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Topology>&lol2;</Topology>',
      /DOCTYPE or ENTITY declaration/,
    ],
    ["an external entity", '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Topology>&xxe;</Topology>', /DOCTYPE or ENTITY declaration/],
    ["broken XML", "<Topology><InternalDomains></Topology>", /not well-formed XML at line 1/],
    ["another document", "<Configuration><x/></Configuration>", /neither TopologyBuilder nor Topology/],
    ["a topology without SIP domains", "<Topology><Clusters/></Topology>", /no InternalDomains \(SIP domains\).*TOPO-SIPDOMAINS/],
  ])("refuses %s with a clear error", (_what, xml, message) => {
    expect(() => importTopology(xml, "t.xml")).toThrow(message);
  });

  it("reads what Windows PowerShell writes (Get-CsTopology -AsXml > f.xml): UTF-16LE with a BOM, and UTF-16BE", () => {
    const text = fixture("fabrikam.tbxml");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le.subarray(2)).swap16();
    for (const bytes of [le, Buffer.concat([Buffer.from([0xfe, 0xff]), be]), Buffer.from(text, "utf8")]) {
      expect(importTopology(xmlText(bytes, "f.xml"), "f.xml").site.sipDomains).toEqual(importTopology(text, "f.xml").site.sipDomains);
    }
    expect(() => xmlText(Buffer.from([0xff, 0xfe, 0x00, 0xd8]), "odd.xml")).toThrow(/odd.xml: is not UTF-16LE text/);
  });

  it("decodes XML's numeric and predefined character references in attributes", () => {
    const text = fixture("fabrikam.tbxml")
      .replace('DefaultDomain="fabrikam.com"', 'DefaultDomain="&#102;abrikam&#x2e;com"')
      .replace('Name="litwareinc.com"', 'Name="litware&#x69;nc.com"');
    expect(importTopology(text, "refs.tbxml").site.sipDomains).toEqual(["fabrikam.com", "litwareinc.com"]);
  });

  it("refuses a document over the size limit", () => {
    expect(() => importTopology(`<Topology>${" ".repeat(17 * 1024 * 1024)}</Topology>`, "big.xml")).toThrow(/larger than a topology document can be/);
  });
});
