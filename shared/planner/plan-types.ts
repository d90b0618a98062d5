import type { CertType } from "../roles/cert-types";
import type { RoleId } from "../roles/cert-roles";
import type { ReferenceRuleId } from "../rules/rule-ids";

export interface PlannedName {
  name: string;
  /** The rules that put this name in the SAN. */
  rules: ReferenceRuleId[];
  /** A simple URL or lyncdiscover name that `*.<parent>` may stand in for where the role allows wildcards. */
  wildcardable?: true;
  /** The site's condition under which a conditional rule ("MUST (if …)") requires it, cited when it is missing. */
  because?: string;
  /** Offered though not required here, and why: a certificate without it is not faulted. */
  optional?: string;
  /** Names that satisfy it as well (documented alternative shapes, AMB-04). */
  alternatives?: string[];
}

export interface PlanNote {
  rule: ReferenceRuleId;
  text: string;
}

/** A subject the validator accepts besides `cn`, where the sources disagree (AMB-02, AMB-16, DIR-COMBINED-SN). */
export interface AcceptedCn {
  name: string;
  rule: ReferenceRuleId;
  status: "pass" | "warning";
}

export type ExtendedKeyUsage = "serverAuth" | "clientAuth";

/** Where the private key is generated: on the admin's workstation (LyncCert) or on the Lync server (certreq INF). */
export type KeyLocation = "workstation" | "server";

export interface PlanRequest {
  role: RoleId;
  server?: string;
  types?: readonly CertType[];
  wildcards?: boolean;
  keyLocation?: KeyLocation;
}

/** A name a reference rule keeps off this certificate, with that rule (unwanted-names.ts). */
export interface UnwantedName {
  name: string;
  rule: ReferenceRuleId;
  why: string;
}

/** Everything a compliant request for one certificate must carry, with the rule behind each part. */
export interface CertificatePlan {
  role: RoleId;
  /** The server the certificate is for; the pool for per-pool roles; null for deployment-wide ones. */
  server: string | null;
  pool: string | null;
  types: CertType[];
  cn: string;
  cnRules: ReferenceRuleId[];
  acceptedCns: AcceptedCn[];
  san: PlannedName[];
  eku: ExtendedKeyUsage[];
  ekuRules: ReferenceRuleId[];
  exportableKey: boolean;
  exportableRules: ReferenceRuleId[];
  autoEnrollment: boolean;
  autoEnrollmentRules: ReferenceRuleId[];
  /** Keys this certificate may not use beyond the common rules (OAUTH-KEY-2048). */
  rsaOnly: boolean;
  wildcards: boolean;
  /**
   * Set where the names are not used or not documented (EDGE-AV-NAMES, PCHAT-SN-SAN): a certificate with other
   * names is worth a notice citing this rule, never a re-issue.
   */
  namesAdvisory?: ReferenceRuleId;
  /** Absent in plans kept before it was planned. */
  unwanted?: UnwantedName[];
  notes: PlanNote[];
}
