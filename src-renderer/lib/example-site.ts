/** The README's example in brief, loaded only when the admin asks for it (never saved as theirs unasked). */
export const EXAMPLE_SITE = {
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

/** Where a first-time admin starts: nothing of anyone else's. */
export const EMPTY_SITE = {
  sipDomains: [] as string[],
  simpleUrls: { meet: [] as string[], dialin: [] as string[], admin: [] as string[] },
  features: {
    mobility: false,
    mobilityOverHttps: true,
    autoConfigMultiDomain: false,
    sipInternalExternalRecords: false,
    federation: false,
    publicImAol: false,
    xmppDomains: [] as string[],
    lyncdiscoverInternalDomain: false,
  },
  pools: [] as unknown[],
};
