import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

/** RFC 7515 base64url, no padding. */
export const b64u = (data: Uint8Array | string) => Buffer.from(data).toString("base64url");

/** An ACME account key: ECDSA P-256, ES256 (RFC 8555 §6.2 requires ES256 support of every server). */
export interface AccountKey {
  privateKey: KeyObject;
  jwk: { crv: "P-256"; kty: "EC"; x: string; y: string };
}

export function newAccountKey(): AccountKey {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return accountKeyFrom(privateKey);
}

/** The account key from its PKCS#8 DER (as the keystore keeps it, decrypted). */
export function accountKeyFromPkcs8(pkcs8: Uint8Array): AccountKey {
  return accountKeyFrom(createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" }));
}

function accountKeyFrom(privateKey: KeyObject): AccountKey {
  const { crv, kty, x, y } = createPublicKey(privateKey).export({ format: "jwk" });
  if (kty !== "EC" || crv !== "P-256" || !x || !y) throw new Error("the ACME account key is not ECDSA P-256");
  return { privateKey, jwk: { crv, kty, x, y } };
}

/** RFC 7638 thumbprint: SHA-256 of the JWK's required members in lexicographic order, no spaces. */
export function jwkThumbprint(jwk: AccountKey["jwk"]): string {
  return b64u(
    createHash("sha256")
      .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
      .digest(),
  );
}

/** The dns-01 TXT value for a challenge token (RFC 8555 §8.1, §8.4): base64url(SHA-256(token "." thumbprint)). */
export function dns01Value(token: string, key: AccountKey): string {
  return b64u(
    createHash("sha256")
      .update(`${token}.${jwkThumbprint(key.jwk)}`)
      .digest(),
  );
}

export interface Jws {
  protected: string;
  payload: string;
  signature: string;
}

/**
 * A flattened JWS (RFC 8555 §6.2): the account's JWK before it has an account URL (newAccount), its `kid` after.
 * `payload` undefined is POST-as-GET (an empty payload). ES256 signatures are the raw r‖s (IEEE P1363), not DER.
 */
export function signJws(key: AccountKey, o: { url: string; nonce: string; kid?: string; payload: unknown }): Jws {
  const header = { alg: "ES256", nonce: o.nonce, url: o.url, ...(o.kid ? { kid: o.kid } : { jwk: key.jwk }) };
  const protectedB64 = b64u(JSON.stringify(header));
  const payloadB64 = o.payload === undefined ? "" : b64u(JSON.stringify(o.payload));
  const signature = sign("sha256", Buffer.from(`${protectedB64}.${payloadB64}`), { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  return { protected: protectedB64, payload: payloadB64, signature: b64u(signature) };
}

/**
 * External Account Binding (RFC 8555 §7.3.4): the account's JWK signed with the MAC key the CA gave (HS256),
 * for DigiCert, Sectigo, ZeroSSL and other CAs that tie ACME accounts to a customer account.
 */
export function externalAccountBinding(key: AccountKey, o: { kid: string; hmacKey: Uint8Array; url: string }): Jws {
  const protectedB64 = b64u(JSON.stringify({ alg: "HS256", kid: o.kid, url: o.url }));
  const payloadB64 = b64u(JSON.stringify(key.jwk));
  const signature = createHmac("sha256", o.hmacKey).update(`${protectedB64}.${payloadB64}`).digest();
  return { protected: protectedB64, payload: payloadB64, signature: b64u(signature) };
}
