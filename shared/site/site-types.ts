/** Server roles as Topology Builder defines pools. */
export const POOL_ROLES = ["standard-edition", "front-end", "director", "mediation", "edge", "persistent-chat", "survivable-branch-appliance"] as const;
export type PoolRole = (typeof POOL_ROLES)[number];

export interface Pool {
  role: PoolRole;
  fqdn: string;
  /** Pool members. Standard Edition, a single Edge and an SBA are their own only member. */
  servers: string[];
  /** IW: defaults to the pool FQDN (TOPO-INTWEB); on Standard Edition it is the server and cannot change. */
  internalWebFqdn?: string;
  /** EW (TOPO-EXTWEB). */
  externalWebFqdn?: string;
  /** F_STRICT_DNS: this pool is the automatic sign-in target and clients require strict DNS matching. */
  autoSignInStrictDns: boolean;
  /** Edge external FQDNs (TOPO-EDGE-EXT): AE, WC, AV. */
  accessEdgeFqdn?: string;
  webConfEdgeFqdn?: string;
  avEdgeFqdn?: string;
}

export interface Features {
  mobility: boolean;
  mobilityOverHttps: boolean;
  autoConfigMultiDomain: boolean;
  /** F_SIPINTEXT for every SIP domain... */
  sipInternalExternalRecords: boolean;
  /** ...or for these SIP domains only (the records exist per domain, COMMON-SIPINTEXT, EX-04). */
  sipInternalExternalDomains?: string[];
  federation: boolean;
  publicImAol: boolean;
  xmppDomains: string[];
  /** AMB-09: also add lyncdiscoverinternal.<internalDomain>. */
  lyncdiscoverInternalDomain: boolean;
}

export interface SimpleUrls {
  meet: string[];
  dialin: string[];
  admin: string[];
}

export interface OfficeWebApps {
  fqdn: string;
  publishedExternally: boolean;
}

/** What the reverse proxy publishes: pool FQDNs whose external web services it serves. */
export interface ReverseProxy {
  publishes: string[];
}

/** A validated, lower-cased (CONV-CASE) site: the topology input of every plan. */
export interface Site {
  sipDomains: string[];
  internalDomain?: string;
  simpleUrls: SimpleUrls;
  features: Features;
  pools: Pool[];
  officeWebApps?: OfficeWebApps;
  reverseProxy?: ReverseProxy;
}
