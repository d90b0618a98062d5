import { AsnConvert } from "@peculiar/asn1-schema";
import * as asn1x509 from "@peculiar/asn1-x509";
import { EXTENSION_OIDS, signatureAlgorithm, type SignatureVerdict } from "./algorithms";
import { publicKeyFacts, type PublicKeyFacts } from "./public-key-info";
import { nameToString, subjectCommonNames } from "./names";
import { validityTimes } from "./validity-time";

/** What the rules look at, read once from the DER. `null` means the extension is absent. */
export interface CertificateFacts {
  der: Uint8Array;
  asn: asn1x509.Certificate;
  subject: string;
  issuer: string;
  subjectCns: string[];
  serial: string;
  notBefore: Date;
  notAfter: Date;
  sanDns: string[] | null;
  /** SAN entries other than dNSName, described ("IP:10.0.0.1"). */
  sanOther: string[];
  eku: string[] | null;
  ekuCritical: boolean;
  keyUsage: { flags: number; critical: boolean } | null;
  basicConstraints: { ca: boolean; pathLength: number | undefined } | null;
  cdpUrls: string[] | null;
  signatureOid: string;
  signatureName: string;
  signatureVerdict: SignatureVerdict;
  key: PublicKeyFacts;
  spki: Uint8Array;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  selfIssued: boolean;
  /** Microsoft application policies (1.3.6.1.4.1.311.21.10); null when absent. */
  applicationPolicies: string[] | null;
  /** OIDs of the extensions marked critical. */
  criticalExtensions: string[];
  /** Extensions that could not be decoded: the certificate is malformed there (X509-PARSE). */
  extensionProblems: string[];
}

/** Parses a DER certificate; throws when it is not one. */
export function certificateFacts(der: Uint8Array): CertificateFacts {
  const asn = AsnConvert.parse(der, asn1x509.Certificate);
  const tbs = asn.tbsCertificate;
  const problems: string[] = [];
  const ext = <T>(oid: string, type: new () => T, what: string): T | null => {
    const found = tbs.extensions?.find((e) => e.extnID === oid);
    if (!found) return null;
    try {
      return AsnConvert.parse(found.extnValue.buffer, type);
    } catch (e) {
      problems.push(`${what} (${oid}) cannot be decoded: ${(e as Error).message}`);
      return null;
    }
  };
  const san = ext(EXTENSION_OIDS.subjectAltName, asn1x509.SubjectAlternativeName, "subjectAltName");
  const eku = ext(EXTENSION_OIDS.extKeyUsage, asn1x509.ExtendedKeyUsage, "extendedKeyUsage");
  const ku = ext(EXTENSION_OIDS.keyUsage, asn1x509.KeyUsage, "keyUsage");
  const bc = ext(EXTENSION_OIDS.basicConstraints, asn1x509.BasicConstraints, "basicConstraints");
  const cdp = ext(EXTENSION_OIDS.cdp, asn1x509.CRLDistributionPoints, "cRLDistributionPoints");
  const ski = ext(EXTENSION_OIDS.subjectKeyId, asn1x509.SubjectKeyIdentifier, "subjectKeyIdentifier");
  const aki = ext(EXTENSION_OIDS.authorityKeyId, asn1x509.AuthorityKeyIdentifier, "authorityKeyIdentifier");
  // The same syntax as certificatePolicies: a sequence of policy identifiers with optional qualifiers.
  const appPolicies = ext(EXTENSION_OIDS.applicationPolicies, asn1x509.CertificatePolicies, "application policies");
  const signature = signatureAlgorithm(asn.signatureAlgorithm.algorithm);
  const spki = new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo));
  let key: PublicKeyFacts;
  try {
    key = publicKeyFacts(tbs.subjectPublicKeyInfo);
  } catch (e) {
    problems.push(`subjectPublicKeyInfo: ${(e as Error).message}`);
    key = { kind: "other", algorithmOid: tbs.subjectPublicKeyInfo.algorithm.algorithm };
  }
  const subject = nameToString(tbs.subject);
  const issuer = nameToString(tbs.issuer);
  const times = validityTimes(der) ?? { notBefore: tbs.validity.notBefore.getTime(), notAfter: tbs.validity.notAfter.getTime() };
  return {
    der,
    asn,
    subject,
    issuer,
    subjectCns: subjectCommonNames(tbs.subject),
    serial: hex(new Uint8Array(tbs.serialNumber)).toUpperCase(),
    notBefore: times.notBefore,
    notAfter: times.notAfter,
    sanDns: san ? san.filter((g) => g.dNSName !== undefined).map((g) => g.dNSName!.toLowerCase()) : null,
    sanOther: san ? san.filter((g) => g.dNSName === undefined).map(describeGeneralName) : [],
    eku: eku ? [...eku] : null,
    ekuCritical: tbs.extensions?.find((e) => e.extnID === EXTENSION_OIDS.extKeyUsage)?.critical ?? false,
    keyUsage: ku ? { flags: ku.toNumber(), critical: tbs.extensions!.find((e) => e.extnID === EXTENSION_OIDS.keyUsage)!.critical } : null,
    basicConstraints: bc ? { ca: bc.cA, pathLength: bc.pathLenConstraint } : null,
    cdpUrls: cdp ? cdp.flatMap((dp) => (dp.distributionPoint?.fullName ?? []).map(describeCdpName)) : null,
    signatureOid: asn.signatureAlgorithm.algorithm,
    signatureName: signature.name,
    signatureVerdict: signature.verdict,
    key,
    spki,
    subjectKeyId: ski ? hex(new Uint8Array(ski.buffer)) : null,
    authorityKeyId: aki?.keyIdentifier ? hex(new Uint8Array(aki.keyIdentifier.buffer)) : null,
    selfIssued: subject === issuer,
    applicationPolicies: appPolicies ? appPolicies.map((p) => p.policyIdentifier) : null,
    criticalExtensions: (tbs.extensions ?? []).filter((e) => e.critical).map((e) => e.extnID),
    extensionProblems: problems,
  };
}

function describeGeneralName(g: asn1x509.GeneralName): string {
  if (g.iPAddress !== undefined) return `IP:${g.iPAddress}`;
  if (g.rfc822Name !== undefined) return `email:${g.rfc822Name}`;
  if (g.uniformResourceIdentifier !== undefined) return `URI:${g.uniformResourceIdentifier}`;
  if (g.otherName) return `otherName:${g.otherName.typeId}`;
  if (g.directoryName) return `DirName:${nameToString(g.directoryName)}`;
  return "other name";
}

function describeCdpName(g: asn1x509.GeneralName): string {
  return g.uniformResourceIdentifier ?? describeGeneralName(g);
}

export function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}
