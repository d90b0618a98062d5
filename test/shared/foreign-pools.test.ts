import { describe, expect, it } from "vitest";
import { foreignPools } from "../../shared/site/foreign-pools";
import { siteWith } from "../helpers/sites";
import { readFileSync } from "node:fs";
import { parseSite } from "../../shared/site/parse-site";
import { importTopology } from "../../shared/topology/topology-import";
import { NORTHWIND_TBXML } from "../helpers/ca-answers";

describe("foreignPools: pools whose names belong to none of the site's domains", () => {
  it("a leftover Contoso Edge pool in a Fabrikam site is named", () => {
    const site = siteWith((j) => {
      j.sipDomains = ["fabrikam.com"];
      j.internalDomain = "fabrikam.net";
      j.simpleUrls = { meet: ["meet.fabrikam.com"], dialin: ["dialin.fabrikam.com"], admin: [] };
      j.features.xmppDomains = [];
      j.pools = [
        { role: "front-end", fqdn: "pool01.fabrikam.net", servers: ["fe01.fabrikam.net"], externalWebFqdn: "webext.fabrikam.com" },
        {
          role: "edge",
          fqdn: "lsedge.contoso.net",
          servers: ["edge01.contoso.net"],
          accessEdgeFqdn: "sip.contoso.com",
          webConfEdgeFqdn: "webcon.contoso.com",
          avEdgeFqdn: "av.contoso.com",
        },
      ];
    });
    expect(foreignPools(site)).toEqual([{ index: 1, fqdn: "lsedge.contoso.net", domains: expect.arrayContaining(["fabrikam.com", "fabrikam.net"]) }]);
  });

  it("the example site and a topology whose internal names share a domain other than the SIP domain are left alone", () => {
    expect(foreignPools(siteWith(() => {}))).toEqual([]);
    // Imported from Topology Builder: *.northwind.net pools, SIP domain northwind.com, no internal domain.
    const imported = parseSite(importTopology(readFileSync(NORTHWIND_TBXML, "utf8"), "northwind.tbxml").site);
    expect(foreignPools(imported)).toEqual([]);
  });
});
