import type { RoleId } from "../roles/cert-roles";
import type { CertType } from "../roles/cert-types";
import type { ReferenceRuleId } from "../rules/rule-ids";
import type { Pool, Site } from "../site/site-types";
import type { ExtendedKeyUsage, KeyLocation, PlanNote } from "./plan-types";

export interface KeyPolicy {
  exportableKey: boolean;
  exportableRules: ReferenceRuleId[];
  autoEnrollment: boolean;
  autoEnrollmentRules: ReferenceRuleId[];
  eku: ExtendedKeyUsage[];
  ekuRules: ReferenceRuleId[];
  rsaOnly: boolean;
}

const INTERNAL_ROLES: readonly RoleId[] = ["standard-edition", "front-end", "director", "mediation", "survivable-branch-appliance", "persistent-chat"];

/** Exportability, auto-enrollment, EKU and key restrictions of one certificate. */
export function keyPolicy(site: Site, role: RoleId, pool: Pool | undefined, types: readonly CertType[], location: KeyLocation, notes: PlanNote[]): KeyPolicy {
  const exportableRules: ReferenceRuleId[] = [];
  if (location === "workstation") exportableRules.push("COMMON-EXPORT-IF-MOVED");
  if (role === "edge-external") exportableRules.push(types.includes("AccessEdgeExternal") || types.includes("DataEdgeExternal") ? "EDGE-EXT-EXPORTABLE" : "EDGE-AV-EXPORTABLE");
  if (role === "edge-internal" && pool && pool.servers.length > 1) exportableRules.push("EDGE-INT-EXPORTABLE");
  if (role === "reverse-proxy" && location === "workstation") exportableRules.push("RP-EXPORTABLE");
  if (types.includes("OAuthTokenIssuer")) exportableRules.push("OAUTH-EXPORTABLE");
  if (exportableRules.length === 0 && INTERNAL_ROLES.includes(role)) {
    notes.push({
      rule: role === "standard-edition" ? "SE-DEFAULT-EXPORT" : "COMMON-INT-NONEXPORT",
      text: "Generated on the server itself, so the private key stays non-exportable (COMMON-INT-NONEXPORT).",
    });
  }

  const isEdge = role === "edge-external" || role === "edge-internal";
  const autoEnrollmentRules: ReferenceRuleId[] = isEdge
    ? ["COMMON-AUTOENROLL-EDGE", role === "edge-external" ? "EDGE-EXT-NO-AUTOENROLL" : "EDGE-INT-NO-AUTOENROLL"]
    : INTERNAL_ROLES.includes(role)
      ? ["COMMON-AUTOENROLL-INT"]
      : [];

  const eku: ExtendedKeyUsage[] = ["serverAuth"];
  const ekuRules: ReferenceRuleId[] = ["COMMON-EKU-SERVER"];
  if (role === "edge-external") ekuRules.push("EDGE-EXT-EKU");
  if (role === "edge-internal") ekuRules.push("EDGE-INT-EKU");
  if (role === "reverse-proxy") {
    ekuRules.push("RP-EKU");
    notes.push({ rule: "RP-KEY", text: "An RSA 2048 key, key type Exchange (KeySpec 1), as the reverse proxy's request asks." });
  }
  if (role === "edge-external" && site.features.publicImAol && types.includes("AccessEdgeExternal")) {
    eku.push("clientAuth");
    ekuRules.push("EDGE-EXT-EKU-CLIENT-AOL");
    notes.push({
      rule: "EDGE-EXT-EKU-CLIENT-AOL",
      text: "AOL public IM needs Client Authentication too: submit to a CA template that allows it (the Web Server template drops it).",
    });
  }

  const rsaOnly = types.includes("OAuthTokenIssuer");
  if (rsaOnly) notes.push({ rule: "OAUTH-KEY-2048", text: "The OAuth token issuer key is RSA of 2048 bits or more." });
  return {
    exportableKey: exportableRules.length > 0,
    exportableRules,
    autoEnrollment: INTERNAL_ROLES.includes(role),
    autoEnrollmentRules,
    eku,
    ekuRules,
    rsaOnly,
  };
}
