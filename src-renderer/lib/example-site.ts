/** A starting point for a new site, the README's example in brief. */
export const NEW_SITE = {
  sipDomains: ["contoso.com"],
  internalDomain: "contoso.net",
  simpleUrls: { meet: ["meet.contoso.com"], dialin: ["dialin.contoso.com"], admin: ["admin.contoso.com"] },
  features: {
    mobility: true,
    mobilityOverHttps: true,
    autoConfigMultiDomain: false,
    sipInternalExternalRecords: false,
    federation: true,
    publicImAol: false,
    xmppDomains: [] as string[],
    lyncdiscoverInternalDomain: false,
  },
  pools: [
    { role: "front-end", fqdn: "pool01.contoso.net", servers: ["fe01.contoso.net", "fe02.contoso.net"], externalWebFqdn: "webext.contoso.com", autoSignInStrictDns: false },
    {
      role: "edge",
      fqdn: "lsedge.contoso.net",
      servers: ["edge01.contoso.net"],
      accessEdgeFqdn: "sip.contoso.com",
      webConfEdgeFqdn: "webcon.contoso.com",
      avEdgeFqdn: "av.contoso.com",
    },
  ],
};
