import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { parsePemBlocks, toPem } from "../../../shared/codec/pem";
import { InputError } from "../../../shared/errors";
import { writeFileAtomic } from "../files/atomic-write";
import { makeOutputFolder } from "../files/output-folder";
import { decryptPrivateKeyInfo, encryptPrivateKeyInfo } from "../crypto/pbes2";
import type { Keystore } from "../keystore/keystore";
import { keystoreKey } from "../keystore/passphrase-check";
import { accountKeyFromPkcs8, type AccountKey } from "./jws";

/** What LyncCert keeps of an ACME account: one per directory URL, its key encrypted like the request keys. */
export interface AcmeAccountRecord {
  directory: string;
  url: string;
  contact: string[];
  termsOfService: string | null;
  createdAt: string;
  /** PKCS#8, PBES2 under the keystore passphrase (PBKDF2-HMAC-SHA256, AES-256-CBC), PEM. */
  key: string;
}

const ACCOUNTS = "acme-accounts";

function accountFile(store: Keystore, directory: string): string {
  return join(store.dir, ACCOUNTS, `${createHash("sha256").update(directory).digest("hex").slice(0, 32)}.json`);
}

export async function saveAccount(store: Keystore, passphrase: string, record: Omit<AcmeAccountRecord, "key">, pkcs8: Uint8Array): Promise<void> {
  // The keystore's one passphrase: checked against the keys already there, as a new request's is.
  const derived = await keystoreKey(store, passphrase);
  await makeOutputFolder(join(store.dir, ACCOUNTS), "--store", "the ACME accounts folder");
  const key = toPem("ENCRYPTED PRIVATE KEY", encryptPrivateKeyInfo(derived, pkcs8));
  await writeFileAtomic(accountFile(store, record.directory), JSON.stringify({ ...record, key }, null, 2) + "\n", { mode: 0o600, overwrite: true });
}

export async function findAccount(store: Keystore, directory: string): Promise<AcmeAccountRecord | undefined> {
  const text = await fs.readFile(accountFile(store, directory), "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  return text === undefined ? undefined : (JSON.parse(text) as AcmeAccountRecord);
}

/** The account and its key, opened with the keystore passphrase; a missing account says how to make one. */
export async function openAccount(store: Keystore, directory: string, passphrase: string): Promise<{ record: AcmeAccountRecord; key: AccountKey }> {
  const record = await findAccount(store, directory);
  if (!record)
    throw new InputError(`no ACME account for ${directory} in ${store.dir}: make one first with lynccert acme account --directory ${directory}`, { field: "--directory" });
  const [block] = parsePemBlocks(record.key, accountFile(store, directory));
  const pkcs8 = await decryptPrivateKeyInfo(block!.der, passphrase, `the ACME account key for ${directory}`);
  return { record, key: accountKeyFromPkcs8(pkcs8) };
}
