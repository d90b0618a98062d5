import { parsePemBlocks } from "../../../shared/codec/pem";
import { InputError } from "../../../shared/errors";
import { deriveKey, KEYSTORE_ITERATIONS, PassphraseKeys, type DerivedKey } from "../crypto/derive-key";
import type { Keystore } from "./keystore";

/**
 * The key a new private key is encrypted with, derived from the keystore passphrase once. One passphrase per
 * keystore: when the store holds keys, the passphrase must open the newest one, so a typo can never lock a new
 * key away. That same derivation (its salt and iterations) then encrypts the new key, with a fresh IV, as a
 * batch's keys share one: the keys are under one passphrase anyway, and a second PBKDF2 would double the wait.
 */
export async function keystoreKey(store: Keystore, passphrase: string): Promise<DerivedKey> {
  return (await startKeystoreKey(store, passphrase)).key;
}

/**
 * Starts `keystoreKey`'s derivation and resolves as soon as its PBKDF2 runs on the thread pool, with the
 * promise of the key: a caller does the rest of its work meanwhile, and nothing else needs the main thread
 * before the longest step of a request has begun.
 */
export async function startKeystoreKey(store: Keystore, passphrase: string): Promise<{ key: Promise<DerivedKey> }> {
  // The PBES2 reader (asn1js) loads while the key file is read.
  const [newest, pbes2] = await Promise.all([store.newestKey(), import("../crypto/pbes2")]);
  if (!newest) return { key: deriveKey(passphrase) };
  const { id } = newest;
  const [block] = parsePemBlocks(newest.pem);
  const what = `the key of request ${id}`;
  const keys = new PassphraseKeys(passphrase);
  // decryptPrivateKeyInfo asks `keys` for its PBKDF2 before its first await: the derivation is under way here.
  const opened = pbes2.decryptPrivateKeyInfo(block!.der, keys, what);
  const key = (async () => {
    try {
      await opened;
    } catch (e) {
      if (!(e instanceof pbes2.WrongPassphraseError)) throw e;
      throw new InputError(
        `this is not the passphrase of the keys already in ${store.dir} (it does not open request ${id}): a keystore keeps one passphrase, so that no key is locked away by a typo`,
        { field: "passphrase" },
      );
    }
    const p = pbes2.encryptedKeyParameters(block!.der, what);
    // Reused only when it is what LyncCert writes today; an older key's weaker parameters are not carried forward.
    if (p.prf !== "sha256" || p.cipher.name !== "aes-256-cbc" || p.iterations < KEYSTORE_ITERATIONS) return deriveKey(passphrase);
    return { salt: p.salt, iterations: p.iterations, key: await keys.derive(p.salt, p.iterations, 32, "sha256") };
  })();
  return { key };
}
