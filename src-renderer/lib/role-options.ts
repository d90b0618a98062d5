import type { RoleId } from "../../shared/roles/cert-roles";

/** The feature switches that change a role's certificate, each explained in one sentence with its rule id. */
export interface RoleOption {
  feature: string;
  label: string;
  explanation: string;
  rule: string;
}

const MOBILITY: RoleOption = {
  feature: "mobility",
  label: "Mobility",
  explanation: "Adds lyncdiscover and lyncdiscoverinternal names for every SIP domain so mobile clients find the service.",
  rule: "MOB-SAN-LYNCDISCOVER",
};
const AUTOCFG: RoleOption = {
  feature: "autoConfigMultiDomain",
  label: "Automatic sign-in for several SIP domains",
  explanation: "Adds sip.<domain> for every SIP domain to the Default usage.",
  rule: "AMB-01",
};
const SIPINTEXT: RoleOption = {
  feature: "sipInternalExternalRecords",
  label: "sipinternal / sipexternal records",
  explanation: "Adds the sipinternal and sipexternal names that exist in your DNS.",
  rule: "COMMON-SIPINTEXT",
};

export const ROLE_OPTIONS: Partial<Record<RoleId, RoleOption[]>> = {
  "standard-edition": [MOBILITY, AUTOCFG, SIPINTEXT],
  "front-end": [MOBILITY, AUTOCFG, SIPINTEXT],
  director: [MOBILITY, AUTOCFG, SIPINTEXT],
  "edge-external": [
    {
      feature: "publicImAol",
      label: "Public IM with AOL",
      explanation: "Adds the Client Authentication EKU that AOL federation needs (use a CA template that allows it).",
      rule: "EDGE-EXT-EKU-CLIENT-AOL",
    },
    { feature: "federation", label: "Federation", explanation: "Federation partners reach you through sip.<domain> of every SIP domain.", rule: "EDGE-EXT-SAN-SIPDOMAINS" },
  ],
  "reverse-proxy": [
    MOBILITY,
    {
      feature: "mobilityOverHttps",
      label: "Autodiscover over HTTPS",
      explanation: "Publishes lyncdiscover on 443, which puts lyncdiscover.<domain> on this certificate.",
      rule: "RP-SAN-LYNCDISCOVER",
    },
  ],
};

/** Roles whose certificate may take wildcard SANs (WILDCARD-FE-WEB, WILDCARD-DIR-WEB, RP-WILDCARD). */
export const WILDCARD_ROLES: readonly RoleId[] = ["standard-edition", "front-end", "director", "reverse-proxy"];
