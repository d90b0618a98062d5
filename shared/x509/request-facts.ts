import { AsnConvert } from "@peculiar/asn1-schema";
import * as asn1x509 from "@peculiar/asn1-x509";
import * as asn1js from "asn1js";
import { parsePemBlocks } from "../codec/pem";
import { TEMPLATE_NAME_OID } from "../csr/template-extension";
import { EXTENSION_OIDS, signatureAlgorithm, type SignatureVerdict } from "./algorithms";
import { nameToString, subjectCommonNames } from "./names";
import { publicKeyFacts, type PublicKeyFacts } from "./public-key-info";

const EXTENSION_REQUEST = "1.2.840.113549.1.9.14";

/** What a PKCS#10 request asks for, read once from the DER (a request made by LyncCert or by any other tool). */
export interface RequestFacts {
  der: Uint8Array;
  subject: string;
  subjectCns: string[];
  /** Requested SAN dNSNames; null when the request asks for no SAN extension. */
  sanDns: string[] | null;
  eku: string[] | null;
  keyUsage: { flags: number; critical: boolean } | null;
  key: PublicKeyFacts;
  spki: Uint8Array;
  signatureOid: string;
  signatureName: string;
  signatureVerdict: SignatureVerdict;
  /**
   * The AD CS template the request names: by name (szOID_ENROLL_CERTTYPE_EXTENSION), or by the OID of the
   * v2 certificate template extension (szOID_CERTIFICATE_TEMPLATE, MS-WCCE §2.2.2.7.7.2), if any.
   */
  template: string | null;
  /** The enrollment CSP attribute certreq writes (szOID_ENROLLMENT_CSP_PROVIDER, MS-WCCE §2.2.2.7.6): the key's provider. */
  provider: { name: string; keySpec: number } | null;
}

const TEMPLATE_V2_OID = "1.3.6.1.4.1.311.21.7";
const ENROLLMENT_CSP_OID = "1.3.6.1.4.1.311.13.2.2";

const REQUEST_LABELS = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];

/** The request in a file (PEM as openssl, certreq and Request-CsCertificate write it, or DER), if it holds one. */
export function requestIn(bytes: Uint8Array): Uint8Array | undefined {
  const text = new TextDecoder("latin1").decode(bytes);
  if (text.includes("-----BEGIN ")) return parsePemBlocks(text).find((b) => REQUEST_LABELS.includes(b.label))?.der;
  return bytes[0] === 0x30 && looksLikeRequest(bytes) ? bytes : undefined;
}

/** True when the DER is a PKCS#10 request: SEQUENCE { SEQUENCE { INTEGER 0, Name, ... } ... }. */
function looksLikeRequest(der: Uint8Array): boolean {
  try {
    const info = (asn1js.fromBER(der.slice().buffer, { maxNodes: 20_000 }).result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const [version, subject, spki] = info.valueBlock.value;
    return (
      version instanceof asn1js.Integer &&
      version.valueBlock.valueDec === 0 &&
      subject instanceof asn1js.Sequence &&
      spki instanceof asn1js.Sequence &&
      info.valueBlock.value.length <= 4
    );
  } catch {
    return false;
  }
}

/** Parses a PKCS#10 request; throws when it is not one. */
export function requestFacts(der: Uint8Array): RequestFacts {
  const root = asn1js.fromBER(der.slice().buffer, { maxNodes: 20_000 });
  if (root.offset === -1) throw new Error(root.result.error || "not DER");
  const [info, algorithm] = (root.result as asn1js.Sequence).valueBlock.value as [asn1js.Sequence, asn1js.Sequence];
  const [, subjectBlock, spkiBlock, attributes] = info.valueBlock.value;
  const subject = AsnConvert.parse(raw(subjectBlock!), asn1x509.Name);
  const spki = raw(spkiBlock!);
  const extensions = requestedExtensions(attributes);
  const ext = <T>(oid: string, type: new () => T): T | null => {
    const found = extensions.find((e) => e.extnID === oid);
    return found ? AsnConvert.parse(found.extnValue.buffer, type) : null;
  };
  const san = ext(EXTENSION_OIDS.subjectAltName, asn1x509.SubjectAlternativeName);
  const eku = ext(EXTENSION_OIDS.extKeyUsage, asn1x509.ExtendedKeyUsage);
  const ku = ext(EXTENSION_OIDS.keyUsage, asn1x509.KeyUsage);
  const template = extensions.find((e) => e.extnID === TEMPLATE_NAME_OID);
  const templateV2 = extensions.find((e) => e.extnID === TEMPLATE_V2_OID);
  const signatureOid = (algorithm.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
  const signature = signatureAlgorithm(signatureOid);
  return {
    der,
    subject: nameToString(subject),
    subjectCns: subjectCommonNames(subject),
    sanDns: san ? san.filter((g) => g.dNSName !== undefined).map((g) => g.dNSName!.toLowerCase()) : null,
    eku: eku ? [...eku] : null,
    keyUsage: ku ? { flags: ku.toNumber(), critical: extensions.find((e) => e.extnID === EXTENSION_OIDS.keyUsage)!.critical } : null,
    key: publicKeyFacts(AsnConvert.parse(spki, asn1x509.SubjectPublicKeyInfo)),
    spki,
    signatureOid,
    signatureName: signature.name,
    signatureVerdict: signature.verdict,
    template: (template ? templateName(template.extnValue.buffer) : null) ?? (templateV2 ? templateOid(templateV2.extnValue.buffer) : null),
    provider: enrollmentProvider(attributes),
  };
}

function raw(block: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(block.valueBeforeDecodeView);
}

/** The first value of the request attribute of this type, if there is one. */
function attributeValue(attributes: asn1js.BaseBlock | undefined, oid: string): asn1js.BaseBlock | undefined {
  for (const attribute of (attributes as asn1js.Constructed | undefined)?.valueBlock.value ?? []) {
    const [type, values] = (attribute as asn1js.Sequence).valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Set];
    if (type.valueBlock.toString() === oid) return values.valueBlock.value[0];
  }
  return undefined;
}

/** The extensions of the extensionRequest attribute (PKCS#9), where a request asks for SAN, EKU and Key Usage. */
function requestedExtensions(attributes: asn1js.BaseBlock | undefined): asn1x509.Extension[] {
  const value = attributeValue(attributes, EXTENSION_REQUEST);
  return value ? [...AsnConvert.parse(raw(value), asn1x509.Extensions)] : [];
}

/** CSPProvider ::= SEQUENCE { keySpec INTEGER, cspName BMPString, signature BIT STRING }. */
function enrollmentProvider(attributes: asn1js.BaseBlock | undefined): { name: string; keySpec: number } | null {
  const value = attributeValue(attributes, ENROLLMENT_CSP_OID);
  const [keySpec, name] = value instanceof asn1js.Sequence ? value.valueBlock.value : [];
  return keySpec instanceof asn1js.Integer && name instanceof asn1js.BmpString ? { keySpec: keySpec.valueBlock.valueDec, name: name.valueBlock.value } : null;
}

/** CertificateTemplate ::= SEQUENCE { templateID OID, templateMajorVersion INTEGER, templateMinorVersion INTEGER OPTIONAL }. */
function templateOid(value: ArrayBuffer): string | null {
  const parsed = asn1js.fromBER(value).result;
  const id = parsed instanceof asn1js.Sequence ? parsed.valueBlock.value[0] : undefined;
  return id instanceof asn1js.ObjectIdentifier ? `the template with OID ${id.valueBlock.toString()}` : null;
}

function templateName(value: ArrayBuffer): string | null {
  const parsed = asn1js.fromBER(value);
  return parsed.result instanceof asn1js.BmpString || parsed.result instanceof asn1js.Utf8String ? parsed.result.valueBlock.value : null;
}
