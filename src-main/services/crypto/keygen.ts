import { generateKeyPair as generateKeyPairCb, webcrypto, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { webCryptoKeyAlgorithm, type SigningProfile } from "../../../shared/crypto/key-spec";

const generateKeyPair = promisify(generateKeyPairCb);

/**
 * The WebCrypto provider requests are signed with: Node's own, which never blocks the event loop and
 * costs nothing to load (@peculiar/webcrypto added ~60 ms to every CLI start; keys are never generated here).
 */
export const webCrypto = webcrypto as unknown as Crypto;

export interface GeneratedKey {
  privateKey: KeyObject;
  /** PKCS#8 PrivateKeyInfo, DER. Lives only in the main process. */
  pkcs8: Buffer;
  spki: Buffer;
  keys: CryptoKeyPair;
}

/**
 * Generates a key on Node's thread pool, so the event loop never blocks (crypto-notes: WebCrypto's
 * RSA-4096 keygen blocked it for seconds), then imports it for signing with the profile's algorithm.
 */
export async function generateKey(profile: SigningProfile): Promise<GeneratedKey> {
  const pair =
    profile.kind === "rsa"
      ? await generateKeyPair("rsa", { modulusLength: profile.modulusLength, publicExponent: 0x10001 })
      : await generateKeyPair("ec", { namedCurve: profile.namedCurve });
  const pkcs8 = pair.privateKey.export({ type: "pkcs8", format: "der" });
  const spki = pair.publicKey.export({ type: "spki", format: "der" });
  return { privateKey: pair.privateKey, pkcs8, spki, keys: await importForSigning(pkcs8, spki, profile) };
}

export async function importForSigning(pkcs8: Uint8Array, spki: Uint8Array, profile: SigningProfile): Promise<CryptoKeyPair> {
  const algorithm = webCryptoKeyAlgorithm(profile);
  const privateKey = await webCrypto.subtle.importKey("pkcs8", copy(pkcs8), algorithm, false, ["sign"]);
  const publicKey = await webCrypto.subtle.importKey("spki", copy(spki), algorithm, true, ["verify"]);
  return { privateKey, publicKey };
}

/** A standalone ArrayBuffer: Node Buffers may share a pool (crypto-notes). */
function copy(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}
