import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import { int, octets, oid, seq } from "../../../shared/codec/der-builders";
import type { PfxProfile } from "../../../shared/export/pfx-profile";
import { deriveKey } from "../crypto/derive-key";
import { OID, pbes2Decrypt, pbes2Encrypt, UnsupportedAlgorithmError, WrongPassphraseError } from "../crypto/pbes2";
import { integerValue, type KdfBudget } from "../crypto/kdf-budget";
import { bmpPassword, pkcs12Kdf } from "./pkcs12-kdf";

/** OpenSSL 3's defaults, which every Windows version named by the profiles imports. */
export const PFX_ITERATIONS = 2048;

const PBE_SHA1_3DES = "1.2.840.113549.1.12.1.3";
/** PKCS#12 PBE algorithms we can name but do not read, with what to do instead. */
const LEGACY_PBE: Record<string, string> = {
  "1.2.840.113549.1.12.1.1": "pbeWithSHAAnd128BitRC4",
  "1.2.840.113549.1.12.1.2": "pbeWithSHAAnd40BitRC4",
  "1.2.840.113549.1.12.1.4": "pbeWithSHAAnd2-KeyTripleDES-CBC",
  "1.2.840.113549.1.12.1.5": "pbeWithSHAAnd128BitRC2-CBC",
  "1.2.840.113549.1.12.1.6": "pbeWithSHAAnd40BitRC2-CBC (RC2-40)",
};
const REEXPORT =
  "re-export it on Windows with TripleDES (Export-PfxCertificate -CryptoAlgorithmOption TripleDES_SHA1, or the MMC wizard's TripleDES-SHA1 choice) or with openssl pkcs12 -export -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES";

export async function pfxEncrypt(profile: PfxProfile, password: string, data: Uint8Array): Promise<{ algorithm: asn1js.Sequence; ciphertext: Buffer }> {
  if (profile === "modern") return pbes2Encrypt(await deriveKey(password, PFX_ITERATIONS), data);
  const salt = randomBytes(8);
  const bmp = bmpPassword(password);
  const key = pkcs12Kdf("sha1", bmp, salt, 1, PFX_ITERATIONS, 24);
  const iv = pkcs12Kdf("sha1", bmp, salt, 2, PFX_ITERATIONS, 8);
  const cipher = createCipheriv("des-ede3-cbc", key, iv);
  const algorithm = seq(oid(PBE_SHA1_3DES), seq(octets(salt), int(PFX_ITERATIONS)));
  return { algorithm, ciphertext: Buffer.concat([cipher.update(data), cipher.final()]) };
}

/** Decrypts a bag or an encrypted content; names the algorithm when it is one we do not read. */
export async function pfxDecrypt(algorithm: asn1js.Sequence, ciphertext: Uint8Array, password: string, what: string, budget: KdfBudget): Promise<Buffer> {
  const scheme = (algorithm.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
  if (scheme === OID.pbes2) return pbes2Decrypt(algorithm, ciphertext, password, what, budget);
  if (scheme !== PBE_SHA1_3DES) throw new UnsupportedAlgorithmError(what, LEGACY_PBE[scheme] ?? scheme, REEXPORT);
  const params = algorithm.valueBlock.value[1] as asn1js.Sequence;
  const [salt, iterations] = params.valueBlock.value as [asn1js.OctetString, asn1js.Integer];
  const bmp = bmpPassword(password);
  const saltBytes = salt.valueBlock.valueHexView;
  const key = pkcs12Kdf("sha1", bmp, saltBytes, 1, budget.spend("pkcs12", integerValue(iterations), "3DES key derivation"), 24);
  const iv = pkcs12Kdf("sha1", bmp, saltBytes, 2, budget.spend("pkcs12", integerValue(iterations), "3DES IV derivation"), 8);
  try {
    const decipher = createDecipheriv("des-ede3-cbc", key, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new WrongPassphraseError(what, "PFX password");
  }
}
