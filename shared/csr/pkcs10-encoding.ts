import * as asn1js from "asn1js";
import { der, explicit, int, octets, oid, ownBuffer, seq } from "../codec/der-builders";
import type { SubjectDetails } from "./subject";

/** DER pieces of a PKCS#10 request (RFC 2986) and its extensions (RFC 5280 §4.2). */
const ATTRIBUTE_OIDS = { C: "2.5.4.6", ST: "2.5.4.8", L: "2.5.4.7", O: "2.5.4.10", OU: "2.5.4.11", CN: "2.5.4.3" } as const;
export const EXTENSION_REQUEST_OID = "1.2.840.113549.1.9.14";

/** Subject in ASN.1 order C, ST, L, O, OU, CN; C as PrintableString, the rest as UTF8String. */
export function subjectName(cn: string, details: SubjectDetails): asn1js.Sequence {
  const parts: [keyof typeof ATTRIBUTE_OIDS, string | undefined][] = [
    ["C", details.C],
    ["ST", details.ST],
    ["L", details.L],
    ["O", details.O],
    ["OU", details.OU],
    ["CN", cn],
  ];
  return seq(
    ...parts
      .filter((p): p is [keyof typeof ATTRIBUTE_OIDS, string] => p[1] !== undefined)
      .map(([key, value]) => new asn1js.Set({ value: [seq(oid(ATTRIBUTE_OIDS[key]), key === "C" ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }))] })),
  );
}

export function extension(extnId: string, critical: boolean, value: Uint8Array): asn1js.Sequence {
  return seq(oid(extnId), ...(critical ? [new asn1js.Boolean({ value: true })] : []), octets(value));
}

/** subjectAltName with dNSName entries only (CONV-DNSNAME). */
export function dnsNames(names: readonly string[]): Uint8Array {
  const ascii = new TextEncoder();
  return der(seq(...names.map((n) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: ascii.encode(n).buffer as ArrayBuffer }))));
}

export function extendedKeyUsage(oids: readonly string[]): Uint8Array {
  return der(seq(...oids.map(oid)));
}

/** KeyUsage as a DER named bit list: trailing zero bits dropped (X.690 §11.2.2). */
export function keyUsage(bits: readonly number[]): Uint8Array {
  const last = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(last / 8) + 1);
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  return der(new asn1js.BitString({ valueHex: bytes.buffer, unusedBits: 7 - (last & 7) }));
}

/** CertificationRequestInfo with the extensions in an extensionRequest attribute. */
export function requestInfo(subject: asn1js.Sequence, spki: Uint8Array, extensions: asn1js.Sequence[]): Uint8Array {
  const parsedSpki = asn1js.fromBER(ownBuffer(spki)).result;
  const attributes = explicit(0, seq(oid(EXTENSION_REQUEST_OID), new asn1js.Set({ value: [seq(...extensions)] })));
  return der(seq(int(0), subject, parsedSpki, attributes));
}

/** The signed request: info, algorithm identifier (NULL parameters for RSA, none for ECDSA), signature. */
export function certificationRequest(info: Uint8Array, signatureOid: string, rsa: boolean, signature: Uint8Array): Uint8Array {
  const algorithm = seq(oid(signatureOid), ...(rsa ? [new asn1js.Null()] : []));
  return der(seq(asn1js.fromBER(ownBuffer(info)).result, algorithm, new asn1js.BitString({ valueHex: ownBuffer(signature) })));
}

/** WebCrypto's ECDSA signature is r‖s; X.509 wants SEQUENCE { INTEGER r, INTEGER s }. */
export function ecdsaSignatureToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.slice(i);
    const padded = trimmed[0]! & 0x80 ? new Uint8Array([0, ...trimmed]) : trimmed;
    return new asn1js.Integer({ valueHex: padded.buffer });
  };
  return der(seq(integer(raw.slice(0, half)), integer(raw.slice(half))));
}
