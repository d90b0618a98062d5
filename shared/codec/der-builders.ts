import * as asn1js from "asn1js";

/** Small builders for the DER LyncCert writes (requests, encrypted keys, PKCS#12). */
export const seq = (...value: asn1js.BaseBlock[]) => new asn1js.Sequence({ value });
export const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
export const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: ownBuffer(bytes) });
export const int = (value: number) => new asn1js.Integer({ value });
/** [n] EXPLICIT wrapper (context-specific, constructed). */
export const explicit = (n: number, ...value: asn1js.BaseBlock[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: n }, value });

/**
 * A copy in an ArrayBuffer of its own: a Node Buffer's `.buffer` (and `Buffer#slice`'s) may be the shared
 * pool, not just its bytes (crypto-notes).
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return Uint8Array.from(bytes).buffer;
}

export function der(block: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(block.toBER(false));
}
