import { InputError } from "../../../shared/errors";
import { deriveKey, KEYSTORE_ITERATIONS, PassphraseKeys, type DerivedKey } from "../crypto/derive-key";
import type { Keystore, NewestKey } from "./keystore";

/** The derivation new keys are encrypted with, and the request whose key it was checked against (none in an empty store). */
export interface KeystoreKey extends DerivedKey {
  checkedAgainst: string | undefined;
}

/**
 * The key a new private key is encrypted with, derived from the keystore passphrase once. One passphrase per
 * keystore: when the store holds keys, the passphrase must open the newest one, so a typo can never lock a new
 * key away. That same derivation (its salt and iterations) then encrypts the new key, with a fresh IV, as a
 * batch's keys share one: the keys are under one passphrase anyway, and a second PBKDF2 would double the wait.
 */
export async function keystoreKey(store: Keystore, passphrase: string): Promise<KeystoreKey> {
  return (await startKeystoreKey(store, passphrase)).key;
}

/**
 * Starts `keystoreKey`'s derivation and resolves as soon as its PBKDF2 runs on the thread pool, with the
 * promise of the key: a caller does the rest of its work meanwhile, and nothing else needs the main thread
 * before the longest step of a request has begun.
 */
export async function startKeystoreKey(store: Keystore, passphrase: string): Promise<{ key: Promise<KeystoreKey> }> {
  // The PBES2 reader (asn1js) loads while the key file is read.
  const loading = import("../crypto/pbes2");
  const newest = store.newestKey();
  const pbes2 = await loading;
  if (!newest) return { key: deriveKey(passphrase).then((d) => ({ ...d, checkedAgainst: undefined })) };
  const { id, der } = newest;
  const what = `the key of request ${id}`;
  const keys = new PassphraseKeys(passphrase);
  // decryptPrivateKeyInfo asks `keys` for its PBKDF2 before its first await: the derivation is under way here.
  const opened = pbes2.decryptPrivateKeyInfo(der, keys, what);
  const key = (async (): Promise<KeystoreKey> => {
    await opened.catch((e) => {
      throw e instanceof pbes2.WrongPassphraseError ? wrongPassphrase(store, id) : e;
    });
    const p = pbes2.encryptedKeyParameters(der, what);
    // Reused only when it is what LyncCert writes today; an older key's weaker parameters are not carried forward.
    if (p.prf !== "sha256" || p.cipher.name !== "aes-256-cbc" || p.iterations < KEYSTORE_ITERATIONS) return { ...(await deriveKey(passphrase)), checkedAgainst: id };
    return { salt: p.salt, iterations: p.iterations, key: await keys.derive(p.salt, p.iterations, 32, "sha256"), checkedAgainst: id };
  })();
  return { key };
}

/**
 * Checked under the keystore's lock just before a new key is stored: the newest key then must be the one the
 * passphrase was checked against, or share its derivation, or open with it. So a first request made at the
 * same moment as another, under another passphrase, is refused instead of splitting the store.
 */
export async function checkStillOnePassphrase(derived: KeystoreKey, passphrase: string, store: Keystore, newest: NewestKey | undefined): Promise<void> {
  if (!newest || newest.id === derived.checkedAgainst) return;
  const pbes2 = await import("../crypto/pbes2");
  const p = pbes2.encryptedKeyParameters(newest.der, `the key of request ${newest.id}`);
  if (p.iterations === derived.iterations && Buffer.from(p.salt).equals(derived.salt)) return;
  await pbes2.decryptPrivateKeyInfo(newest.der, passphrase, `the key of request ${newest.id}`).catch((e) => {
    throw e instanceof pbes2.WrongPassphraseError ? wrongPassphrase(store, newest.id) : e;
  });
}

function wrongPassphrase(store: Keystore, id: string): InputError {
  return new InputError(
    `wrong keystore passphrase: it does not open the key of request ${id} in ${store.dir}; a keystore keeps one passphrase, so that no key is locked away by a typo`,
    { field: "passphrase" },
  );
}
