import { promises as fs, readdirSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { parsePemBlocks } from "../../../shared/codec/pem";
import { InputError } from "../../../shared/errors";
import { STALE_AFTER_MS, syncDirectory, TEMP_SUFFIX, writeAndSync, writeFileAtomic } from "../files/atomic-write";
import { pathError } from "../files/fs-errors";
import { makeOutputFolder } from "../files/output-folder";
import { randomHex } from "../files/random-hex";
import { DamagedEntryError, readCertificateChain, readKeyDer, readKeyDerSync, readRecord } from "./entry-check";
import { STORE_FILES, type IssuedCertificate, type RequestRecord } from "./request-record";
import { withStoreLock } from "./store-lock";
import { CaPool } from "./ca-pool";

export interface StoredRequest {
  record: RequestRecord;
  dir: string;
}

export interface DamagedEntry {
  id: string;
  problem: string;
}

/** What an interrupted write left in the store: cleaned by the next write once it is stale. */
export interface Leftover {
  name: string;
  ageSeconds: number;
}

export interface NewRequestFiles {
  record: Omit<RequestRecord, "id">;
  encryptedKeyPem: string;
  csrPem: string;
}

/** The key a new key's passphrase is checked against: the most recently written readable one. */
export interface NewestKey {
  id: string;
  der: Uint8Array;
}

const REQUESTS = "requests";
const STAGING = ".staging-";
const REMOVED = ".removed-";
const LOCK = ".lock";

/**
 * The keystore folder. Each request is a directory written whole under a temporary name and renamed
 * into place, so a crash leaves either nothing or a complete entry; nothing is ever overwritten. An entry
 * that cannot be read whole is damaged: named, listed and skipped, never a reason for the rest to fail.
 */
export class Keystore {
  /** CA certificates seen on answers' chains and in chain files: what completes a later leaf-only answer. */
  readonly cas: CaPool;
  constructor(readonly dir: string) {
    this.cas = new CaPool(join(dir, "ca-certificates"));
  }

  private get requestsDir(): string {
    return join(this.dir, REQUESTS);
  }

  /**
   * Stores a new request. `guard` runs under the keystore's lock with the newest key just before the entry
   * appears, so two first requests made at once cannot leave the store under two passphrases.
   */
  async addRequest(files: NewRequestFiles, guard?: (newest: NewestKey | undefined) => Promise<void>): Promise<StoredRequest> {
    await makeOutputFolder(this.requestsDir, "--store", "the keystore folder");
    await this.cleanLeftovers();
    const id = requestId(files.record);
    const record: RequestRecord = { id, ...files.record };
    const staging = join(this.requestsDir, `${STAGING}${id}`);
    await fs.mkdir(staging, { mode: 0o700 }).catch((e) => {
      throw pathError(e, staging, "write the new request", "--store");
    });
    try {
      // Side by side (the entry counts only once the staging folder is renamed into place), each one
      // settled before a failure removes the folder.
      const writes = await Promise.allSettled([
        writeAndSync(join(staging, STORE_FILES.key), files.encryptedKeyPem, 0o600),
        writeAndSync(join(staging, STORE_FILES.csr), files.csrPem, 0o644),
        writeAndSync(join(staging, STORE_FILES.record), JSON.stringify(record, null, 2) + "\n", 0o600),
      ]);
      for (const w of writes) if (w.status === "rejected") throw w.reason;
      await syncDirectory(staging);
      const dir = join(this.requestsDir, id);
      await withStoreLock(join(this.requestsDir, LOCK), async () => {
        await guard?.(this.newestKey());
        await fs.rename(staging, dir);
      });
      await syncDirectory(this.requestsDir);
      return { record, dir };
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true });
      throw pathError(error, staging, "write the new request", "--store");
    }
  }

  /**
   * Complete entries, newest first; entries that cannot be read are listed as damaged, never dropped
   * silently, and what interrupted writes left behind is listed too.
   */
  async list(): Promise<{ requests: StoredRequest[]; damaged: DamagedEntry[]; leftovers: Leftover[] }> {
    const entries = await this.entries();
    const requests: StoredRequest[] = [];
    const damaged: DamagedEntry[] = [];
    for (const entry of entries.filter((e) => !e.name.startsWith("."))) {
      if (!entry.isDirectory()) {
        damaged.push({ id: entry.name, problem: `${join(this.requestsDir, entry.name)} is not a request folder; left alone, and skipped` });
        continue;
      }
      try {
        requests.push(await this.get(entry.name));
      } catch (error) {
        if (!(error instanceof DamagedEntryError)) throw error;
        damaged.push({ id: entry.name, problem: error.message.replace(/^damaged keystore entry [^:]+: /, "") });
      }
    }
    requests.sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
    return { requests, damaged, leftovers: await this.leftovers(entries) };
  }

  /** Takes a request out whole (renamed away first, so no half-removed entry is ever listed). */
  async remove(id: string): Promise<void> {
    const { dir } = await this.get(id);
    const gone = join(this.requestsDir, `${REMOVED}${id}`);
    await fs.rename(dir, gone);
    await syncDirectory(this.requestsDir);
    await fs.rm(gone, { recursive: true, force: true });
  }

  private async entries(): Promise<Dirent[]> {
    return fs.readdir(this.requestsDir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return [] as Dirent[];
      throw pathError(e, this.dir, "read the keystore folder", "--store");
    });
  }

  /** Staging and removal folders at the top, and temp files of interrupted writes inside each request's folder. */
  private async leftovers(entries: readonly Dirent[]): Promise<Leftover[]> {
    const names = entries.filter((e) => e.name.startsWith(STAGING) || e.name.startsWith(REMOVED) || e.name.endsWith(TEMP_SUFFIX)).map((e) => e.name);
    for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith("."))) {
      for (const sub of ["", STORE_FILES.certificates]) {
        const inside = await fs.readdir(join(this.requestsDir, entry.name, sub)).catch(() => [] as string[]);
        names.push(...inside.filter((n) => n.endsWith(TEMP_SUFFIX)).map((n) => join(entry.name, sub, n)));
      }
    }
    const found: Leftover[] = [];
    for (const name of names) {
      const stat = await fs.lstat(join(this.requestsDir, name)).catch(() => undefined);
      if (stat) found.push({ name, ageSeconds: Math.round((Date.now() - stat.mtimeMs) / 1000) });
    }
    return found;
  }

  /** Removes what interrupted writes left, once stale: a younger one may be another process's write in progress. */
  private async cleanLeftovers(): Promise<void> {
    for (const l of await this.leftovers(await this.entries())) {
      if (l.ageSeconds * 1000 >= STALE_AFTER_MS) await fs.rm(join(this.requestsDir, l.name), { recursive: true, force: true });
    }
  }

  /** One whole entry: its record, its key, and the certificate it points at; anything else is a DamagedEntryError. */
  async get(id: string): Promise<StoredRequest> {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(id)) throw new InputError(`"${id}" is not a request id (see lynccert list)`, { field: "id" });
    const dir = join(this.requestsDir, id);
    const stat = await fs.lstat(dir).catch(() => undefined);
    if (!stat) throw new InputError(`no request ${id} in ${this.dir} (see lynccert list)`, { field: "id" });
    if (!stat.isDirectory()) throw new DamagedEntryError(id, dir, "is not a request folder");
    const record = await readRecord(id, dir);
    await readKeyDer(id, dir);
    if (record.certificate) await readCertificateChain(id, dir, record.certificate.thumbprint);
    return { record, dir };
  }

  /** Every whole entry by its key, read once: what an import of many answers matches against. */
  async index(): Promise<RequestIndex> {
    return new RequestIndex((await this.list()).requests);
  }

  /**
   * Keeps an issued certificate (PEM, leaf first) beside its key. Each certificate has its own file named
   * by thumbprint, so a re-issue never replaces an earlier one. request.json points at the current one when
   * `makeCurrent` says so, asked under the keystore's lock with the record as it is then: two imports at
   * once cannot let a faulty re-issue displace a good certificate.
   */
  async attachCertificate(
    id: string,
    pem: string,
    issued: IssuedCertificate,
    makeCurrent: (current: IssuedCertificate | undefined) => boolean,
  ): Promise<{ stored: StoredRequest; current: boolean }> {
    const { dir } = await this.get(id);
    const certDir = join(dir, STORE_FILES.certificates);
    await makeOutputFolder(certDir, "--store", "the certificates folder");
    const file = join(certDir, `${issued.thumbprint}.pem`);
    // The same certificate again keeps its file, unless it now comes with more of its chain (a leaf-only answer completed).
    const before = await readCertificateChain(id, dir, issued.thumbprint).catch(() => undefined);
    const longer = before !== undefined && parsePemBlocks(pem, file).length > before.length;
    if (before === undefined || longer) await writeFileAtomic(file, pem, { mode: 0o644, overwrite: longer });
    return withStoreLock(join(this.requestsDir, LOCK), async () => {
      const { record } = await this.get(id);
      if (!makeCurrent(record.certificate)) return { stored: { record, dir }, current: false };
      const updated: RequestRecord = { ...record, status: "issued", certificate: issued };
      await writeFileAtomic(join(dir, STORE_FILES.record), JSON.stringify(updated, null, 2) + "\n", { overwrite: true, mode: 0o600 });
      return { stored: { record: updated, dir }, current: true };
    });
  }

  /**
   * The most recently written readable key, found by the key files' times without reading every record:
   * what a new request checks its passphrase against (a request pays for this on every run, before its
   * PBKDF2 starts). The stats are synchronous: a store holds hundreds of entries at most, and awaiting a
   * stat each cost about ten times the stats themselves (20 ms for 100 entries; issue 13). A damaged key
   * is passed over for the next newest.
   */
  newestKey(): NewestKey | undefined {
    const dir = this.requestsDir;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    const keys = entries
      .filter((e) => e.isDirectory() && !e.name.startsWith("."))
      .map((e) => ({ id: e.name, at: statSync(join(dir, e.name, STORE_FILES.key), { throwIfNoEntry: false })?.mtimeMs }))
      .filter((k): k is { id: string; at: number } => k.at !== undefined)
      .sort((a, b) => b.at - a.at);
    for (const { id } of keys) {
      const der = readKeyDerSync(join(dir, id, STORE_FILES.key));
      if (der) return { id, der };
    }
    return undefined;
  }

  /** The current certificate and the chain kept with it, leaf first. */
  async certificateChain({ record, dir }: StoredRequest): Promise<Uint8Array[]> {
    if (!record.certificate) throw new InputError(`request ${record.id} has no certificate yet: import the CA's answer first`, { field: "id" });
    return readCertificateChain(record.id, dir, record.certificate.thumbprint);
  }

  /** The encrypted key of a whole entry. */
  async encryptedKeyDer(id: string): Promise<Uint8Array> {
    const { dir } = await this.get(id);
    return readKeyDer(id, dir);
  }
}

/** Requests by the SHA-256 of their public key. */
export class RequestIndex {
  private readonly bySpki = new Map<string, StoredRequest>();
  constructor(requests: readonly StoredRequest[]) {
    for (const r of [...requests].reverse()) this.bySpki.set(r.record.spkiSha256, r);
  }
  find(spkiSha256: string): { match: StoredRequest | undefined; checked: number } {
    return { match: this.bySpki.get(spkiSha256), checked: this.bySpki.size };
  }
  /** After a certificate was attached: the entry as it is now. */
  update(stored: StoredRequest): void {
    this.bySpki.set(stored.record.spkiSha256, stored);
  }
}

/** Readable and unique: role, first label of the server, date, random suffix. */
function requestId(record: Omit<RequestRecord, "id">): string {
  const who = (record.plan.server ?? record.plan.cn).split(".")[0]!.replace(/[^a-z0-9-]/g, "");
  const day = record.createdAt.slice(0, 10).replace(/-/g, "");
  return `${record.plan.role}-${who}-${day}-${randomHex(3)}`;
}
