import type { SubjectPublicKeyInfo } from "@peculiar/asn1-x509";
import * as asn1js from "asn1js";
import { CURVES, KEY_ALGORITHM_OIDS } from "./algorithms";

export type PublicKeyFacts =
  { kind: "rsa" | "rsa-pss"; bits: number } | { kind: "ec"; curveOid: string; curve: string; allowedCurve: boolean } | { kind: "other"; algorithmOid: string };

/** Key type and size from the SubjectPublicKeyInfo itself, so RSASSA-PSS keys report a size too (crypto-notes). */
export function publicKeyFacts(spki: SubjectPublicKeyInfo): PublicKeyFacts {
  const oid = spki.algorithm.algorithm;
  if (oid === KEY_ALGORITHM_OIDS.rsa || oid === KEY_ALGORITHM_OIDS.rsaPss) {
    return { kind: oid === KEY_ALGORITHM_OIDS.rsa ? "rsa" : "rsa-pss", bits: rsaModulusBits(spki.subjectPublicKey) };
  }
  if (oid === KEY_ALGORITHM_OIDS.ec) {
    const params = spki.algorithm.parameters ? asn1js.fromBER(spki.algorithm.parameters).result : undefined;
    const id = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : "explicit curve parameters";
    const curve = CURVES[id];
    return { kind: "ec", curveOid: id, curve: curve?.name ?? id, allowedCurve: curve?.allowed ?? false };
  }
  return { kind: "other", algorithmOid: oid };
}

function rsaModulusBits(subjectPublicKey: ArrayBuffer): number {
  const parsed = asn1js.fromBER(subjectPublicKey);
  const seq = parsed.result as asn1js.Sequence;
  const modulus = (seq.valueBlock?.value?.[0] as asn1js.Integer | undefined)?.valueBlock.valueHexView;
  if (parsed.offset === -1 || !modulus) throw new Error("RSA public key is not a valid RSAPublicKey");
  let i = 0;
  while (i < modulus.length && modulus[i] === 0) i++;
  if (i === modulus.length) return 0;
  return (modulus.length - i - 1) * 8 + (32 - Math.clz32(modulus[i]!));
}

/** The key as a report names it: "RSA 2048", "ECDSA P-256", "RSASSA-PSS 2048", or the algorithm's OID. */
export function keyDescription(key: PublicKeyFacts): string {
  return key.kind === "ec" ? `ECDSA ${key.curve}` : key.kind === "other" ? key.algorithmOid : `${key.kind === "rsa" ? "RSA" : "RSASSA-PSS"} ${key.bits}`;
}
