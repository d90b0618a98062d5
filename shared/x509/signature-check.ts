import type { SignedParts } from "../codec/der-span";

/**
 * Whether a signed object's signature was made with the key of `issuerSpki`: true, false, or why it could
 * not be checked. Provided by the platform (node:crypto in main), since WebCrypto lacks SHA-224, MD5, DSA.
 */
export type SignatureCheck = (signed: SignedParts, issuerSpki: Uint8Array) => Promise<boolean | string>;
