import { createHash, createHmac, createPrivateKey, randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import type { PfxProfile } from "../../../shared/export/pfx-profile";
import { bmpPassword, pkcs12Kdf } from "./pkcs12-kdf";
import { der, explicit, int, octets, oid, seq } from "../../../shared/codec/der-builders";
import { P12 } from "./pkcs12-asn1";
import { PFX_ITERATIONS, pfxEncrypt } from "./pkcs12-pbe";

export interface PfxContents {
  /** PKCS#8 PrivateKeyInfo, DER. */
  privateKey: Uint8Array;
  /** DER certificates, leaf first. */
  certificates: readonly Uint8Array[];
  friendlyName: string;
}

/**
 * Writes a PKCS#12 file in the layout of a profile: the key in a shrouded key bag, the certificates in an
 * encrypted bag, friendlyName and localKeyID on the key and the leaf, and a MAC over everything.
 */
export async function writePfx(contents: PfxContents, password: string, profile: PfxProfile): Promise<Buffer> {
  if (contents.certificates.length === 0) throw new RangeError("a PFX needs at least the certificate");
  // Windows and openssl read only PKCS#8 PrivateKeyInfo in a key bag; refuse PKCS#1 or SEC1 keys here.
  const keyType = createPrivateKey({ key: Buffer.from(contents.privateKey), format: "der", type: "pkcs8" }).asymmetricKeyType;
  const localKeyId = createHash("sha1").update(contents.certificates[0]!).digest();
  const bagAttributes = [attribute(P12.friendlyName, new asn1js.BmpString({ value: contents.friendlyName })), attribute(P12.localKeyId, octets(localKeyId))];
  const attributes = new asn1js.Set({ value: bagAttributes });
  const keyAttributes = new asn1js.Set({ value: [...bagAttributes, attribute(P12.microsoftCspName, new asn1js.BmpString({ value: keyProvider(keyType) }))] });
  const key = await pfxEncrypt(profile, password, contents.privateKey);
  const keyBag = seq(oid(P12.shroudedKeyBag), explicit(0, seq(key.algorithm, octets(key.ciphertext))), keyAttributes);
  const certBags = contents.certificates.map((cert, i) => {
    const bag = [oid(P12.certBag), explicit(0, seq(oid(P12.x509Certificate), explicit(0, octets(cert))))];
    return i === 0 ? seq(...bag, attributes) : seq(...bag);
  });
  const certs = await pfxEncrypt(profile, password, der(seq(...certBags)));
  const encryptedContent = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: certs.ciphertext });
  const certsInfo = seq(oid(P12.encryptedData), explicit(0, seq(int(0), seq(oid(P12.data), certs.algorithm, encryptedContent))));
  const keyInfo = seq(oid(P12.data), explicit(0, octets(der(seq(keyBag)))));
  const authSafe = der(seq(certsInfo, keyInfo));
  return Buffer.from(der(seq(int(3), seq(oid(P12.data), explicit(0, octets(authSafe))), macData(authSafe, password, profile))));
}

const attribute = (type: string, value: asn1js.BaseBlock) => seq(oid(type), new asn1js.Set({ value: [value] }));

/**
 * The provider Windows imports the key into, named in the key bag as Windows' own exports do. Without it
 * PFXImportCertStore chooses (a CNG KSP when the caller prefers CNG), and Lync Server 2010/2013 use only
 * keys held by a CryptoAPI CSP; the SChannel CSP signs with SHA-2 (the Enhanced CSP cannot: OAuthTokenIssuer)
 * and is what LyncCert's certreq INF uses. ECDSA keys exist only in CNG on Windows (LC-ECDSA-CNG).
 */
export function keyProvider(keyType: string | undefined): string {
  return keyType === "rsa" ? "Microsoft RSA SChannel Cryptographic Provider" : "Microsoft Software Key Storage Provider";
}

function macData(content: Uint8Array, password: string, profile: PfxProfile): asn1js.Sequence {
  const hash = profile === "compat" ? "sha1" : "sha256";
  const salt = randomBytes(profile === "compat" ? 8 : 16);
  const macKey = pkcs12Kdf(hash, bmpPassword(password), salt, 3, PFX_ITERATIONS, hash === "sha1" ? 20 : 32);
  const digest = createHmac(hash, macKey).update(content).digest();
  const digestAlgorithm = seq(oid(hash === "sha1" ? P12.sha1 : P12.sha256), new asn1js.Null());
  return seq(seq(digestAlgorithm, octets(digest)), octets(salt), int(PFX_ITERATIONS));
}
