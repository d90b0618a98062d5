import type { SigningProfile } from "../crypto/key-spec";
import { keyWarnings } from "../crypto/key-warnings";
import { checkTemplateName } from "../csr/template-name";
import { infEscaped, infQuoted } from "./script-quoting";
import { checkSubjectDetails, type SubjectDetails } from "../csr/subject";
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

/**
 * The subject as certreq reads it: an X.500 string (values with special characters in X.500 quotes, a quote
 * inside doubled) inside an INF quoted value (each `"` doubled again, `%` as `%%`).
 */
function infSubject(cn: string, d: SubjectDetails): string {
  const parts: [string, string | undefined][] = [
    ["CN", cn],
    ["OU", d.OU],
    ["O", d.O],
    ["L", d.L],
    ["S", d.ST],
    ["C", d.C],
  ];
  const x500 = parts
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${/[,+="<>#;\\]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v}`)
    .join(", ");
  return `"${infEscaped(x500, "subject")}"`;
}

/**
 * A certreq .inf for admins whose policy requires the key to be generated on the server itself: the same
 * subject, SANs, EKU, key and template as LyncCert's own request (certreq -new lync.inf lync.req).
 */
export function certreqInf(p: InfParams): string {
  const { plan, profile } = p;
  checkSubjectDetails(p.subject, "subject");
  const rsa = profile.kind === "rsa";
  const lines = [
    `; LyncCert: ${plan.role} certificate${plan.server ? ` for ${plan.server}` : ""}, -Type ${plan.types.join(",") || "(none)"}`,
    "; On the server: certreq -new <this file> request.req, submit request.req, then certreq -accept <issued file>.",
    "[Version]",
    'Signature="$Windows NT$"',
    "",
    "[NewRequest]",
    ...keyWarnings(profile.key).map((w) => `; WARNING (${w.rule}): ${w.text}`),
    `Subject = ${infSubject(plan.cn, p.subject)}`,
    `FriendlyName = ${infQuoted(p.friendlyName, "friendly name")}`,
    rsa ? "KeyAlgorithm = RSA" : `KeyAlgorithm = ECDSA_${profile.namedCurve.replace("-", "")}`,
    `KeyLength = ${rsa ? profile.modulusLength : profile.namedCurve.slice(2)}`,
    `HashAlgorithm = ${profile.hash.toUpperCase()}`,
    `; ${plan.exportableKey ? plan.exportableRules.join(", ") : nonExportableWhy(plan)}`,
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
  if (p.template !== null) lines.push("", "[RequestAttributes]", `CertificateTemplate = ${infQuoted(checkTemplateName(p.template, "template"), "template")}`);
  return lines.join("\r\n") + "\r\n";
}

/** Why a key generated on the server itself stays non-exportable, in the role's own terms. */
function nonExportableWhy(plan: CertificatePlan): string {
  if (plan.role === "reverse-proxy") return "RP-EXPORTABLE: generated on the reverse proxy itself; set Exportable = TRUE if several reverse proxies (a farm) share it";
  if (plan.role === "edge-internal") return "EDGE-INT-EXPORTABLE: a single Edge Server generating its own key need not export it";
  return plan.role === "standard-edition" ? "SE-DEFAULT-EXPORT, COMMON-INT-NONEXPORT" : "COMMON-INT-NONEXPORT";
}

/**
 * The bytes of an INF file: UTF-16LE with a byte-order mark. Without one, certreq reads the file in the
 * ANSI code page and a subject such as L=Zürich arrives mangled; INF files with non-ASCII characters must be
 * saved as UTF-16LE ("General Unicode requirement in INF files", learn.microsoft.com/windows-hardware/
 * drivers/display; Windows PowerShell 5.1's Out-File writes the same encoding, which certreq reads).
 */
export function infFileBytes(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}
