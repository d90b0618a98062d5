/**
 * A site of about `servers` servers for scale tests and benches: Front End pools of eight (the rest in a
 * last, smaller pool), with a Director pool, a Mediation pool and an Edge pool of two each. Real topologies
 * have tens of servers; this stretches the same shapes.
 */
export function scaleSiteJson(servers: number): Record<string, unknown> {
  const pools: Record<string, unknown>[] = [
    { role: "director", fqdn: "dirpool.contoso.net", servers: ["dir01.contoso.net", "dir02.contoso.net"], externalWebFqdn: "webdirext.contoso.com" },
    { role: "mediation", fqdn: "medpool.contoso.net", servers: ["med01.contoso.net", "med02.contoso.net"] },
    {
      role: "edge",
      fqdn: "edgepool.contoso.net",
      servers: ["edge01.contoso.net", "edge02.contoso.net"],
      accessEdgeFqdn: "sip.contoso.com",
      webConfEdgeFqdn: "webcon.contoso.com",
      avEdgeFqdn: "av.contoso.com",
    },
  ];
  const frontEnds = Math.max(1, servers - 6);
  for (let p = 0; p * 8 < frontEnds; p++) {
    const members = Array.from({ length: Math.min(8, frontEnds - p * 8) }, (_, i) => `fe${p * 8 + i + 1}.contoso.net`);
    pools.push({ role: "front-end", fqdn: `pool${p + 1}.contoso.net`, servers: members, externalWebFqdn: `webext${p + 1}.contoso.com` });
  }
  return {
    sipDomains: ["contoso.com"],
    internalDomain: "contoso.net",
    simpleUrls: { meet: ["meet.contoso.com"], dialin: ["dialin.contoso.com"], admin: [] },
    features: { mobility: true, federation: true, publicImAol: false, xmppDomains: [] },
    pools,
  };
}
