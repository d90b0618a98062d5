import * as asn1js from "asn1js";

/** PKCS#12 and CMS object identifiers (RFC 7292, RFC 5652, RFC 2985). */
export const P12 = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
  /** szOID_PKCS_12_KEY_PROVIDER_NAME_ATTR, which openssl shows as "Microsoft CSP Name". */
  microsoftCspName: "1.3.6.1.4.1.311.17.1",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
} as const;

export function parseDer(bytes: Uint8Array, what: string): asn1js.BaseBlock {
  const r = asn1js.fromBER(bytes.slice());
  if (r.offset === -1) throw new Error(`${what}: not valid DER (${r.result.error})`);
  return r.result;
}

export function oidOf(block: asn1js.BaseBlock | undefined): string {
  return block instanceof asn1js.ObjectIdentifier ? block.valueBlock.toString() : "";
}

/** The bytes of an OCTET STRING, joining the pieces of a constructed (BER) one. */
export function octetBytes(block: asn1js.BaseBlock): Uint8Array {
  const os = block as asn1js.OctetString;
  if (os.idBlock.isConstructed) return Buffer.concat((os.valueBlock.value as asn1js.OctetString[]).map((p) => Buffer.from(octetBytes(p))));
  return os.valueBlock.valueHexView;
}

export function children(block: asn1js.BaseBlock): asn1js.BaseBlock[] {
  return ((block as asn1js.Constructed).valueBlock?.value as asn1js.BaseBlock[] | undefined) ?? [];
}
