import { parsePemBlocks } from "../../../shared/codec/pem";
import { InputError } from "../../../shared/errors";
import type { PassphraseKeys } from "../crypto/derive-key";
import { decryptPrivateKeyInfo, WrongPassphraseError } from "../crypto/pbes2";
import type { Keystore } from "./keystore";

/**
 * One passphrase per keystore: a new key is encrypted only under the passphrase that opens the keys already
 * there (the newest one is tried), so a typo can never lock a new key away under a passphrase nobody knows.
 */
export async function checkStorePassphrase(store: Keystore, passphrase: string | PassphraseKeys): Promise<void> {
  const { requests } = await store.list();
  const newest = requests[0];
  if (!newest) return;
  const [block] = parsePemBlocks(await store.readEncryptedKey(newest.record.id));
  try {
    await decryptPrivateKeyInfo(block!.der, passphrase, `the key of request ${newest.record.id}`);
  } catch (e) {
    if (!(e instanceof WrongPassphraseError)) throw e;
    throw new InputError(
      `this is not the passphrase of the keys already in ${store.dir} (it does not open request ${newest.record.id}): a keystore keeps one passphrase, so that no key is locked away by a typo`,
      { field: "passphrase" },
    );
  }
}
