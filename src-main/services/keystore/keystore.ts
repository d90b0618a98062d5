import { promises as fs, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../../shared/errors";
import { syncDirectory, TEMP_SUFFIX, writeAndSync, writeFileAtomic } from "../files/atomic-write";
import { pathError } from "../files/fs-errors";
import { parseRecord, STORE_FILES, type IssuedCertificate, type RequestRecord } from "./request-record";
import { randomHex } from "../files/random-hex";

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

const REQUESTS = "requests";
const STAGING = ".staging-";
const REMOVED = ".removed-";
/** A write takes seconds; anything this old was interrupted (the process was killed). */
export const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * The keystore folder. Each request is a directory written whole under a temporary name and renamed
 * into place, so a crash leaves either nothing or a complete entry; nothing is ever overwritten.
 */
export class Keystore {
  constructor(readonly dir: string) {}

  private get requestsDir(): string {
    return join(this.dir, REQUESTS);
  }

  async addRequest(files: NewRequestFiles): Promise<StoredRequest> {
    await fs.mkdir(this.requestsDir, { recursive: true, mode: 0o700 }).catch((e) => {
      throw pathError(e, this.dir, "use it as the keystore folder", "--store");
    });
    await this.cleanLeftovers();
    const id = requestId(files.record);
    const record: RequestRecord = { id, ...files.record };
    const staging = join(this.requestsDir, `${STAGING}${id}`);
    await fs.mkdir(staging, { mode: 0o700 });
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
      await fs.rename(staging, dir);
      await syncDirectory(this.requestsDir);
      return { record, dir };
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Complete entries, newest first; entries that cannot be read are listed as damaged, never dropped
   * silently, and what interrupted writes left behind is listed too.
   */
  async list(): Promise<{ requests: StoredRequest[]; damaged: DamagedEntry[]; leftovers: Leftover[] }> {
    const names = await this.names();
    const requests: StoredRequest[] = [];
    const damaged: DamagedEntry[] = [];
    for (const id of names.filter((n) => !n.startsWith("."))) {
      try {
        requests.push(await this.get(id));
      } catch (error) {
        damaged.push({ id, problem: (error as Error).message });
      }
    }
    requests.sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
    return { requests, damaged, leftovers: await this.leftovers(names) };
  }

  /** Takes a request out whole (renamed away first, so no half-removed entry is ever listed). */
  async remove(id: string): Promise<void> {
    const { dir } = await this.get(id);
    const gone = join(this.requestsDir, `${REMOVED}${id}`);
    await fs.rename(dir, gone);
    await syncDirectory(this.requestsDir);
    await fs.rm(gone, { recursive: true, force: true });
  }

  private async names(): Promise<string[]> {
    return fs.readdir(this.requestsDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return [] as string[];
      throw pathError(e, this.dir, "read the keystore folder", "--store");
    });
  }

  private async leftovers(names: readonly string[]): Promise<Leftover[]> {
    const found: Leftover[] = [];
    for (const name of names.filter((n) => n.startsWith(STAGING) || n.startsWith(REMOVED) || n.endsWith(TEMP_SUFFIX))) {
      const stat = await fs.lstat(join(this.requestsDir, name)).catch(() => undefined);
      if (stat) found.push({ name, ageSeconds: Math.round((Date.now() - stat.mtimeMs) / 1000) });
    }
    return found;
  }

  /** Removes what interrupted writes left, once stale: a younger one may be another process's write in progress. */
  private async cleanLeftovers(): Promise<void> {
    for (const l of await this.leftovers(await this.names())) {
      if (l.ageSeconds * 1000 >= STALE_AFTER_MS) await fs.rm(join(this.requestsDir, l.name), { recursive: true, force: true });
    }
  }

  async get(id: string): Promise<StoredRequest> {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(id)) throw new InputError(`"${id}" is not a request id (see lynccert list)`, { field: "id" });
    const dir = join(this.requestsDir, id);
    const text = await fs.readFile(join(dir, STORE_FILES.record), "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") throw new InputError(`no request ${id} in ${this.dir} (see lynccert list)`, { field: "id" });
      throw e;
    });
    const record = parseRecord(text, join(dir, STORE_FILES.record));
    if (record.id !== id) throw new Error(`${join(dir, STORE_FILES.record)} names request ${record.id}, not ${id}`);
    await fs.access(join(dir, STORE_FILES.key));
    return { record, dir };
  }

  /** The request whose key the certificate carries, by SHA-256 of the SubjectPublicKeyInfo. */
  async findBySpki(spkiSha256: string): Promise<{ match: StoredRequest | undefined; checked: number }> {
    const { requests } = await this.list();
    return { match: requests.find((r) => r.record.spkiSha256 === spkiSha256), checked: requests.length };
  }

  /**
   * Keeps an issued certificate (PEM, leaf first) beside its key. Each certificate has its own file named
   * by thumbprint, so a re-issue never replaces an earlier one. request.json points at the current one:
   * the newest, unless `makeCurrent` is false (a faulty re-issue must not displace a good certificate).
   */
  async attachCertificate(id: string, pem: string, issued: IssuedCertificate, makeCurrent = true): Promise<StoredRequest> {
    const { record, dir } = await this.get(id);
    const certDir = join(dir, STORE_FILES.certificates);
    await fs.mkdir(certDir, { recursive: true, mode: 0o700 });
    const file = join(certDir, `${issued.thumbprint}.pem`);
    const existing = await fs.readFile(file, "utf8").catch(() => undefined);
    if (existing === undefined) await writeFileAtomic(file, pem, { mode: 0o644 });
    if (!makeCurrent) return { record, dir };
    const updated: RequestRecord = { ...record, status: "issued", certificate: issued };
    await writeFileAtomic(join(dir, STORE_FILES.record), JSON.stringify(updated, null, 2) + "\n", { overwrite: true, mode: 0o600 });
    return { record: updated, dir };
  }

  /**
   * The most recently written key, found by the key files' times without reading every record: what a new
   * request checks its passphrase against (a request pays for this on every run, before its PBKDF2 starts).
   * The stats are synchronous: a store holds hundreds of entries at most, and awaiting a stat each cost
   * about ten times the stats themselves (20 ms for 100 entries; issue 13).
   */
  async newestKey(): Promise<{ id: string; pem: string } | undefined> {
    const names = (await this.names()).filter((n) => !n.startsWith("."));
    const dir = this.requestsDir;
    let newest: { id: string; at: number } | undefined;
    for (const id of names) {
      const at = statSync(join(dir, id, STORE_FILES.key), { throwIfNoEntry: false })?.mtimeMs;
      if (at !== undefined && (!newest || at > newest.at)) newest = { id, at };
    }
    return newest && { id: newest.id, pem: readFileSync(join(dir, newest.id, STORE_FILES.key), "utf8") };
  }

  async readEncryptedKey(id: string): Promise<string> {
    return fs.readFile(join(this.requestsDir, id, STORE_FILES.key), "utf8");
  }
}

/** Readable and unique: role, first label of the server, date, random suffix. */
function requestId(record: Omit<RequestRecord, "id">): string {
  const who = (record.plan.server ?? record.plan.cn).split(".")[0]!.replace(/[^a-z0-9-]/g, "");
  const day = record.createdAt.slice(0, 10).replace(/-/g, "");
  return `${record.plan.role}-${who}-${day}-${randomHex(3)}`;
}
