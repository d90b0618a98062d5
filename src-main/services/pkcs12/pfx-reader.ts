import { createHmac, timingSafeEqual } from "node:crypto";
import * as asn1js from "asn1js";
import { InputError } from "../../../shared/errors";
import { UnsupportedAlgorithmError, WrongPassphraseError } from "../crypto/pbes2";
import { bmpPassword, pkcs12Kdf } from "./pkcs12-kdf";
import { children, octetBytes, oidOf, P12, parseDer } from "./pkcs12-asn1";
import { pfxDecrypt } from "./pkcs12-pbe";
import { integerValue, KdfBudget } from "../crypto/kdf-budget";

export interface PfxRead {
  privateKey: Buffer | undefined;
  certificates: Uint8Array[];
  friendlyName: string | undefined;
  mac: string;
  /** Encryption algorithm of each encrypted part, by OID, for `inspect`. */
  encryption: string[];
}

const MAC_HASHES: Record<string, "sha1" | "sha256"> = { [P12.sha1]: "sha1", [P12.sha256]: "sha256" };

/**
 * Reads a PFX as Windows, openssl or pkijs write it. The MAC is checked first, so a wrong password says
 * "wrong password"; an algorithm we cannot read says which one and how to re-export, never "wrong password".
 */
export async function readPfx(bytes: Uint8Array, password: string, file: string): Promise<PfxRead> {
  try {
    return await readPfxStructure(bytes, password, file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: not a readable PFX (${(e as Error).message.split("\n")[0]})`, { field: file });
  }
}

async function readPfxStructure(bytes: Uint8Array, password: string, file: string): Promise<PfxRead> {
  const root = parseDer(bytes, file);
  const [version, authSafeInfo, macData] = children(root);
  if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 3) throw new Error(`${file}: not a PKCS#12 (PFX) file`);
  if (oidOf(children(authSafeInfo!)[0]) !== P12.data) throw new UnsupportedAlgorithmError(file, "public-key integrity mode", "export it with a password instead");
  const authSafe = octetBytes(children(children(authSafeInfo!)[1]!)[0]!);
  const budget = new KdfBudget(file);
  const mac = verifyMac(macData, authSafe, password, file, budget);

  const result: PfxRead = { privateKey: undefined, certificates: [], friendlyName: undefined, mac, encryption: [] };
  for (const info of children(parseDer(authSafe, file))) {
    const [type, wrapped] = children(info);
    const content = children(wrapped!)[0]!;
    if (oidOf(type) === P12.data) await readBags(parseDer(octetBytes(content), file), password, file, result, budget);
    else if (oidOf(type) === P12.encryptedData) {
      const [, encryptedContentInfo] = children(content);
      const [, algorithm, encrypted] = children(encryptedContentInfo!);
      result.encryption.push(algorithmName(algorithm as asn1js.Sequence));
      const plain = await pfxDecrypt(algorithm as asn1js.Sequence, octetBytes(encrypted!), password, file, budget);
      await readBags(parseDer(plain, file), password, file, result, budget);
    } else throw new UnsupportedAlgorithmError(file, `content type ${oidOf(type)}`, "export it as a password-protected PFX");
  }
  return result;
}

function verifyMac(macData: asn1js.BaseBlock | undefined, content: Uint8Array, password: string, file: string, budget: KdfBudget): string {
  if (!macData) return "none";
  const [digestInfo, salt, iterations] = children(macData);
  const [algorithm, digest] = children(digestInfo!);
  const hashOid = oidOf(children(algorithm!)[0]);
  const hash = MAC_HASHES[hashOid];
  if (!hash) throw new UnsupportedAlgorithmError(file, `a MAC with ${hashOid}`, "re-export with a SHA-1 or SHA-256 MAC");
  const count = budget.spend("pkcs12", iterations === undefined ? 1 : integerValue(iterations), "MAC");
  const key = pkcs12Kdf(hash, bmpPassword(password), octetBytes(salt!), 3, count, hash === "sha1" ? 20 : 32);
  const expected = createHmac(hash, key).update(content).digest();
  const actual = Buffer.from(octetBytes(digest!));
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new WrongPassphraseError(file, "PFX password");
  return `HMAC-${hash.toUpperCase()}, ${count} iterations`;
}

async function readBags(safeContents: asn1js.BaseBlock, password: string, file: string, out: PfxRead, budget: KdfBudget): Promise<void> {
  for (const bag of children(safeContents)) {
    const [type, value, attributes] = children(bag);
    const inner = children(value!)[0]!;
    if (oidOf(type) === P12.certBag) {
      const [certType, certValue] = children(inner);
      if (oidOf(certType) === P12.x509Certificate) out.certificates.push(octetBytes(children(certValue!)[0]!));
    } else if (oidOf(type) === P12.shroudedKeyBag) {
      const [algorithm, data] = children(inner);
      out.encryption.push(algorithmName(algorithm as asn1js.Sequence));
      out.privateKey = await pfxDecrypt(algorithm as asn1js.Sequence, octetBytes(data!), password, file, budget);
    } else if (oidOf(type) === P12.keyBag) {
      out.privateKey = Buffer.from(inner.toBER());
    }
    for (const attr of attributes ? children(attributes) : []) {
      const [attrType, values] = children(attr);
      if (oidOf(attrType) === P12.friendlyName) out.friendlyName ??= (children(values!)[0] as asn1js.BmpString).valueBlock.value;
    }
  }
}

const NAMES: Record<string, string> = {
  "1.2.840.113549.1.12.1.3": "pbeWithSHAAnd3-KeyTripleDES-CBC",
  "1.2.840.113549.1.12.1.6": "pbeWithSHAAnd40BitRC2-CBC",
  "1.2.840.113549.1.5.13": "PBES2",
};

function algorithmName(algorithm: asn1js.Sequence): string {
  const id = oidOf(children(algorithm)[0]);
  if (id !== "1.2.840.113549.1.5.13") return NAMES[id] ?? id;
  const scheme = children(children(children(algorithm)[1]!)[1]!)[0];
  const cipher = { "2.16.840.1.101.3.4.1.42": "AES-256-CBC", "2.16.840.1.101.3.4.1.2": "AES-128-CBC", "1.2.840.113549.3.7": "DES-EDE3-CBC" }[oidOf(scheme)] ?? oidOf(scheme);
  return `PBES2 (PBKDF2, ${cipher})`;
}
