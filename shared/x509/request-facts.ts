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
  /** The AD CS template the request names (szOID_ENROLL_CERTTYPE_EXTENSION), if any. */
  template: string | null;
}

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
    template: template ? templateName(template.extnValue.buffer) : null,
  };
}

function raw(block: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(block.valueBeforeDecodeView);
}

/** The extensions of the extensionRequest attribute (PKCS#9), where a request asks for SAN, EKU and Key Usage. */
function requestedExtensions(attributes: asn1js.BaseBlock | undefined): asn1x509.Extension[] {
  for (const attribute of (attributes as asn1js.Constructed | undefined)?.valueBlock.value ?? []) {
    const [type, values] = (attribute as asn1js.Sequence).valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Set];
    if (type.valueBlock.toString() === EXTENSION_REQUEST) return [...AsnConvert.parse(raw(values.valueBlock.value[0]!), asn1x509.Extensions)];
  }
  return [];
}

function templateName(value: ArrayBuffer): string | null {
  const parsed = asn1js.fromBER(value);
  return parsed.result instanceof asn1js.BmpString || parsed.result instanceof asn1js.Utf8String ? parsed.result.valueBlock.value : null;
}
