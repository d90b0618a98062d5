import type { SigningProfile } from "../crypto/key-spec";
import type { SubjectDetails } from "../csr/subject";
import type { CertificatePlan } from "../planner/plan-types";

export interface InfParams {
  /** Planned with keyLocation "server": exportability is the role's own need. */
  plan: CertificatePlan;
  subject: SubjectDetails;
  profile: SigningProfile;
  template: string | null;
  friendlyName: string;
}

const OID_BY_EKU = { serverAuth: "1.3.6.1.5.5.7.3.1", clientAuth: "1.3.6.1.5.5.7.3.2" } as const;

/** An RFC 4514 subject for certreq; values with special characters are quoted. */
function infSubject(cn: string, d: SubjectDetails): string {
  const parts: [string, string | undefined][] = [["CN", cn], ["OU", d.OU], ["O", d.O], ["L", d.L], ["S", d.ST], ["C", d.C]];
  return parts
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${/[,+="<>#;]/.test(v) ? `""${v.replace(/"/g, '""""')}""` : v}`)
    .join(", ");
}

/**
 * A certreq .inf for admins whose policy requires the key to be generated on the server itself: the same
 * subject, SANs, EKU, key and template as LyncCert's own request (certreq -new lync.inf lync.req).
 */
export function certreqInf(p: InfParams): string {
  const { plan, profile } = p;
  const rsa = profile.kind === "rsa";
  const lines = [
    `; LyncCert: ${plan.role} certificate${plan.server ? ` for ${plan.server}` : ""}, -Type ${plan.types.join(",") || "(none)"}`,
    "; On the server: certreq -new <this file> request.req, submit request.req, then certreq -accept <issued file>.",
    "[Version]",
    'Signature="$Windows NT$"',
    "",
    "[NewRequest]",
    `Subject = "${infSubject(plan.cn, p.subject)}"`,
    `FriendlyName = "${p.friendlyName}"`,
    rsa ? "KeyAlgorithm = RSA" : `KeyAlgorithm = ECDSA_${profile.namedCurve.replace("-", "")}`,
    `KeyLength = ${rsa ? profile.modulusLength : profile.namedCurve.slice(2)}`,
    `HashAlgorithm = ${profile.hash.toUpperCase()}`,
    `; ${plan.exportableKey ? plan.exportableRules.join(", ") : "COMMON-INT-NONEXPORT"}`,
    `Exportable = ${plan.exportableKey ? "TRUE" : "FALSE"}`,
    "MachineKeySet = TRUE",
    `; ${rsa ? "digitalSignature, keyEncipherment (COMMON-KU)" : "digitalSignature, keyAgreement"}`,
    `KeyUsage = ${rsa ? "0xA0" : "0x88"}`,
    rsa ? 'ProviderName = "Microsoft RSA SChannel Cryptographic Provider"' : 'ProviderName = "Microsoft Software Key Storage Provider"',
    ...(rsa ? ["ProviderType = 12", "KeySpec = 1"] : []),
    "RequestType = PKCS10",
    "SMIME = FALSE",
    "UseExistingKeySet = FALSE",
    "",
    "[EnhancedKeyUsageExtension]",
    `; ${plan.eku.join(", ")} (${plan.ekuRules.join(", ")})`,
    ...plan.eku.map((e) => `OID = ${OID_BY_EKU[e]}`),
    "",
    "[Extensions]",
    '2.5.29.17 = "{text}"',
    ...plan.san.map((n) => `_continue_ = "dns=${n.name}&"`),
  ];
  if (p.template !== null) lines.push("", "[RequestAttributes]", `CertificateTemplate = ${p.template}`);
  return lines.join("\r\n") + "\r\n";
}
