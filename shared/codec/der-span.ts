/**
 * The raw bytes of a signed object's parts (certificate, CRL, request: SEQUENCE { tbs, algorithm,
 * BIT STRING }), cut from the DER without decoding them: a signature covers the bytes as they were sent,
 * not a re-encoding of them.
 */
export interface SignedParts {
  tbs: Uint8Array;
  /** The AlgorithmIdentifier, DER. */
  algorithm: Uint8Array;
  /** The signature's bytes (the BIT STRING without its unused-bits octet). */
  signature: Uint8Array;
}

export function signedParts(der: Uint8Array): SignedParts {
  const outer = element(der, 0);
  const tbs = element(der, outer.contentStart);
  const algorithm = element(der, tbs.end);
  const signature = element(der, algorithm.end);
  if (der[signature.start] !== 0x03) throw new Error("the signature is not a BIT STRING");
  return {
    tbs: der.subarray(tbs.start, tbs.end),
    algorithm: der.subarray(algorithm.start, algorithm.end),
    signature: der.subarray(signature.contentStart + 1, signature.end),
  };
}

interface Element {
  start: number;
  contentStart: number;
  end: number;
}

/** One TLV at `at`, with a definite length (DER); a BER indefinite length is refused. */
function element(der: Uint8Array, at: number): Element {
  let i = at + 1;
  if ((der[at]! & 0x1f) === 0x1f) while (i < der.length && der[i++]! & 0x80);
  const first = der[i++];
  if (first === undefined) throw new Error("truncated");
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error(count === 0 ? "indefinite length (BER, not DER)" : "length too large");
    length = 0;
    for (let k = 0; k < count; k++) length = length * 256 + der[i++]!;
  }
  const end = i + length;
  if (end > der.length) throw new Error("truncated");
  return { start: at, contentStart: i, end };
}
