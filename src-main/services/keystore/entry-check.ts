import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { parsePemBlocks } from "../../../shared/codec/pem";
import { InputError } from "../../../shared/errors";
import { readInputFile, utf8Text } from "../files/input-file";
import { parseRecord, STORE_FILES, type RequestRecord } from "./request-record";

/** Far above any file LyncCert writes into the store (a record, a key, a certificate with its chain). */
const MAX_STORE_FILE_BYTES = 1024 * 1024;

/** A keystore entry that cannot be used as it is: named with its file and what is wrong, listed, skipped. */
export class DamagedEntryError extends InputError {
  constructor(
    readonly id: string,
    readonly file: string,
    problem: string,
  ) {
    super(`damaged keystore entry ${id}: ${file} ${problem}`, { field: "--store" });
  }
}

/** A file of a request's folder, read as any input is: bounded, regular files only. */
export async function readStoreFile(id: string, file: string): Promise<string> {
  try {
    return utf8Text(await readInputFile(file, { field: "--store", kind: "a keystore file", maxBytes: MAX_STORE_FILE_BYTES }), file, "--store");
  } catch (e) {
    throw new DamagedEntryError(id, file, `cannot be read: ${(e as Error).message.slice(file.length + 2)}`);
  }
}

/** The record, checked to be the entry's own. */
export async function readRecord(id: string, dir: string): Promise<RequestRecord> {
  const file = join(dir, STORE_FILES.record);
  let record: RequestRecord;
  try {
    record = parseRecord(await readStoreFile(id, file), file);
  } catch (e) {
    if (e instanceof DamagedEntryError) throw e;
    throw new DamagedEntryError(id, file, (e as Error).message.slice(file.length + 1));
  }
  if (record.id !== id) throw new DamagedEntryError(id, file, `names request ${record.id}, not ${id}`);
  return record;
}

/** The encrypted private key's DER: exactly one ENCRYPTED PRIVATE KEY block. */
export async function readKeyDer(id: string, dir: string): Promise<Uint8Array> {
  const file = join(dir, STORE_FILES.key);
  const blocks = pemOf(id, file, await readStoreFile(id, file));
  if (blocks.length !== 1 || blocks[0]!.label !== "ENCRYPTED PRIVATE KEY")
    throw new DamagedEntryError(id, file, "does not hold one encrypted private key (it may be empty or cut short)");
  return blocks[0]!.der;
}

/** The current certificate and its chain (leaf first), checked to be the one the record names. */
export async function readCertificateChain(id: string, dir: string, thumbprint: string): Promise<Uint8Array[]> {
  const file = join(dir, STORE_FILES.certificates, `${thumbprint}.pem`);
  const blocks = pemOf(id, file, await readStoreFile(id, file));
  if (blocks.length === 0 || blocks.some((b) => b.label !== "CERTIFICATE")) throw new DamagedEntryError(id, file, "does not hold certificates only");
  if (createHash("sha1").update(blocks[0]!.der).digest("hex").toUpperCase() !== thumbprint.toUpperCase())
    throw new DamagedEntryError(id, file, `does not begin with the certificate ${thumbprint} its record names`);
  return blocks.map((b) => b.der);
}

function pemOf(id: string, file: string, text: string) {
  try {
    return parsePemBlocks(text, file);
  } catch (e) {
    throw new DamagedEntryError(id, file, `is not readable PEM (${(e as Error).message.split("\n")[0]})`);
  }
}

/**
 * The same check of a key file, synchronous (the newest-key search runs before a request's PBKDF2 starts):
 * the DER, or undefined for a file that is not one readable encrypted key.
 */
export function readKeyDerSync(file: string): Uint8Array | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_STORE_FILE_BYTES) return undefined;
    const buffer = Buffer.alloc(stat.size);
    const length = readSync(fd, buffer, 0, stat.size, 0);
    const blocks = parsePemBlocks(buffer.subarray(0, length).toString("utf8"), file);
    return blocks.length === 1 && blocks[0]!.label === "ENCRYPTED PRIVATE KEY" ? blocks[0]!.der : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
