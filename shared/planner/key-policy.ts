import type { RoleId } from "../roles/cert-roles";
import type { CertType } from "../roles/cert-types";
import type { ReferenceRuleId } from "../rules/rule-ids";
import type { Pool, Site } from "../site/site-types";
import type { CertificatePlan, ExtendedKeyUsage, KeyLocation, PlanNote } from "./plan-types";

export interface KeyPolicy {
  exportableKey: boolean;
  exportableRules: ReferenceRuleId[];
  autoEnrollment: boolean;
  autoEnrollmentRules: ReferenceRuleId[];
  eku: ExtendedKeyUsage[];
  ekuRules: ReferenceRuleId[];
  rsaOnly: boolean;
}

/** Exportability a key needs only because it is made on a workstation and moved (COMMON-EXPORT-IF-MOVED, RP-EXPORTABLE). */
const MOVED_KEY_RULES: readonly ReferenceRuleId[] = ["COMMON-EXPORT-IF-MOVED", "RP-EXPORTABLE"];

/**
 * The same certificate with its key generated on the server (certreq INF): what made the key exportable only
 * because it moves is dropped. The reverse proxy's moved-key rule applies to no other role.
 */
export function withKeyOnServer(plan: CertificatePlan): CertificatePlan {
  const exportableRules = plan.exportableRules.filter((r) => !MOVED_KEY_RULES.includes(r));
  return { ...plan, exportableRules, exportableKey: exportableRules.length > 0 };
}

const INTERNAL_ROLES: readonly RoleId[] = ["standard-edition", "front-end", "director", "mediation", "survivable-branch-appliance", "persistent-chat"];

/** Exportability, auto-enrollment, EKU and key restrictions of one certificate. */
export function keyPolicy(site: Site, role: RoleId, pool: Pool | undefined, types: readonly CertType[], location: KeyLocation, notes: PlanNote[]): KeyPolicy {
  const exportableRules: ReferenceRuleId[] = [];
  if (location === "workstation") exportableRules.push(...MOVED_KEY_RULES.filter((r) => r !== "RP-EXPORTABLE" || role === "reverse-proxy"));
  if (role === "edge-external") exportableRules.push(types.includes("AccessEdgeExternal") || types.includes("DataEdgeExternal") ? "EDGE-EXT-EXPORTABLE" : "EDGE-AV-EXPORTABLE");
  if (role === "edge-internal" && pool && pool.servers.length > 1) exportableRules.push("EDGE-INT-EXPORTABLE");
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
