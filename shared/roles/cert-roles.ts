import type { ReferenceRuleId } from "../rules/rule-ids";
import type { PoolRole } from "../site/site-types";
import type { CertType } from "./cert-types";

export const CERT_ROLE_IDS = [
  "standard-edition",
  "front-end",
  "director",
  "mediation",
  "survivable-branch-appliance",
  "edge-external",
  "edge-internal",
  "reverse-proxy",
  "persistent-chat",
  "oauth-token-issuer",
  "office-web-apps",
] as const;
export type RoleId = (typeof CERT_ROLE_IDS)[number];

/** What `--server` names for a role: a pool member, the pool itself, or nothing (one per deployment). */
export type ServerScope = "member" | "pool" | "deployment";

export interface CertRole {
  id: RoleId;
  title: string;
  /** Pools this certificate is planned from. */
  poolRole: PoolRole | undefined;
  scope: ServerScope;
  /** `-Type` values that may be combined on this certificate; empty for certificates Lync does not assign. */
  allowedTypes: readonly CertType[];
  /** The usual set: the Lync wizard's combined certificate where it has one. */
  defaultTypes: readonly CertType[];
  /** The rules that define this certificate. */
  rules: readonly ReferenceRuleId[];
  summary: string;
}

const WEB_ROLE_TYPES = ["Default", "WebServicesInternal", "WebServicesExternal", "OAuthTokenIssuer"] as const;
const COMBINED = ["Default", "WebServicesInternal", "WebServicesExternal"] as const;

export const CERT_ROLES: readonly CertRole[] = [
  {
    id: "standard-edition",
    title: "Standard Edition server",
    poolRole: "standard-edition",
    scope: "member",
    allowedTypes: WEB_ROLE_TYPES,
    defaultTypes: COMBINED,
    rules: ["SE-COMBINED", "SE-DEFAULT-SN", "SE-WEBINT-SN", "SE-WEBEXT-SN"],
    summary: "Default and web services certificate of a Standard Edition server (combined by default).",
  },
  {
    id: "front-end",
    title: "Front End Server (Enterprise pool member)",
    poolRole: "front-end",
    scope: "member",
    allowedTypes: WEB_ROLE_TYPES,
    defaultTypes: COMBINED,
    rules: ["FE-COMBINED", "FE-PER-SERVER", "FE-DEFAULT-SN", "FE-WEBINT-SN", "FE-WEBEXT-SN"],
    summary: "Default and web services certificate of one Front End Server; one per pool member.",
  },
  {
    id: "director",
    title: "Director",
    poolRole: "director",
    scope: "member",
    allowedTypes: WEB_ROLE_TYPES,
    defaultTypes: COMBINED,
    rules: ["DIR-COMBINED-SN", "DIR-COMBINED-SAN", "DIR-DEFAULT-SN", "DIR-WEBINT-SN", "DIR-WEBEXT-SN"],
    summary: "Default and web services certificate of one Director; one per Director.",
  },
  {
    id: "mediation",
    title: "Stand-alone Mediation Server",
    poolRole: "mediation",
    scope: "member",
    allowedTypes: ["Default"],
    defaultTypes: ["Default"],
    rules: ["MED-ONE-CERT", "MED-DEFAULT-SN"],
    summary: "Default certificate of one stand-alone Mediation Server.",
  },
  {
    id: "survivable-branch-appliance",
    title: "Survivable Branch Appliance / Server",
    poolRole: "survivable-branch-appliance",
    scope: "member",
    allowedTypes: ["Default"],
    defaultTypes: ["Default"],
    rules: ["SBA-DEFAULT-SN", "SBA-DEFAULT-SAN-SIP", "SBS-SAME-AS-SBA"],
    summary: "Default certificate of a Survivable Branch Appliance or Server.",
  },
  {
    id: "edge-external",
    title: "Edge Server, external interface",
    poolRole: "edge",
    scope: "pool",
    allowedTypes: ["AccessEdgeExternal", "DataEdgeExternal", "AudioVideoAuthentication", "XMPPServer"],
    defaultTypes: ["AccessEdgeExternal", "DataEdgeExternal", "AudioVideoAuthentication"],
    rules: ["EDGE-EXT-TYPES", "EDGE-EXT-SN", "EDGE-AV-DECOUPLE"],
    summary: "Public certificate of the Access, Web Conferencing and A/V Authentication services; one per Edge pool, shared by its members.",
  },
  {
    id: "edge-internal",
    title: "Edge Server, internal interface",
    poolRole: "edge",
    scope: "pool",
    allowedTypes: ["Internal"],
    defaultTypes: ["Internal"],
    rules: ["EDGE-INT-SN", "EDGE-INT-SAN"],
    summary: "Certificate of the Edge internal interface; one per Edge pool.",
  },
  {
    id: "reverse-proxy",
    title: "Reverse proxy listener",
    poolRole: undefined,
    scope: "deployment",
    allowedTypes: [],
    defaultTypes: [],
    rules: ["RP-SN", "RP-SAN-SN", "RP-SAN-POOLS-EXTWEB"],
    summary: "Public web-server certificate of the reverse proxy that publishes the external web services, simple URLs and lyncdiscover.",
  },
  {
    id: "persistent-chat",
    title: "Persistent Chat Server",
    poolRole: "persistent-chat",
    scope: "member",
    allowedTypes: ["Default"],
    defaultTypes: ["Default"],
    rules: ["PCHAT-PER-SERVER", "PCHAT-SN-SAN"],
    summary: "Certificate of one Persistent Chat server (names unconfirmed by Microsoft: PCHAT-SN-SAN).",
  },
  {
    id: "oauth-token-issuer",
    title: "Server-to-server authentication (OAuthTokenIssuer)",
    poolRole: undefined,
    scope: "deployment",
    allowedTypes: ["OAuthTokenIssuer"],
    defaultTypes: ["OAuthTokenIssuer"],
    rules: ["OAUTH-TYPE", "OAUTH-GLOBAL", "OAUTH-SUBJECT"],
    summary: "The one global OAuthTokenIssuer certificate of the deployment.",
  },
  {
    id: "office-web-apps",
    title: "Office Web Apps / Office Online Server",
    poolRole: undefined,
    scope: "deployment",
    allowedTypes: [],
    defaultTypes: [],
    rules: ["OWAS-NAME-IN-CERT"],
    summary: "HTTPS certificate of the Office Web Apps (Office Online) Server farm that presents PowerPoint in meetings; not assigned by Lync.",
  },
];

export function certRole(id: RoleId): CertRole {
  return CERT_ROLES.find((r) => r.id === id)!;
}

export function isRoleId(value: string): value is RoleId {
  return (CERT_ROLE_IDS as readonly string[]).includes(value);
}
