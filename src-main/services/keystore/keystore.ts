import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../../shared/errors";
import { syncDirectory, writeAndSync, writeFileAtomic } from "../files/atomic-write";
import { STORE_FILES, type IssuedCertificate, type RequestRecord } from "./request-record";

export interface StoredRequest {
  record: RequestRecord;
  dir: string;
}

export interface DamagedEntry {
  id: string;
  problem: string;
}

export interface NewRequestFiles {
  record: Omit<RequestRecord, "id">;
  encryptedKeyPem: string;
  csrPem: string;
}

const REQUESTS = "requests";

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
    await fs.mkdir(this.requestsDir, { recursive: true, mode: 0o700 });
    const id = requestId(files.record);
    const record: RequestRecord = { id, ...files.record };
    const staging = join(this.requestsDir, `.staging-${id}`);
    await fs.mkdir(staging, { mode: 0o700 });
    try {
      await writeAndSync(join(staging, STORE_FILES.key), files.encryptedKeyPem, 0o600);
      await writeAndSync(join(staging, STORE_FILES.csr), files.csrPem, 0o644);
      await writeAndSync(join(staging, STORE_FILES.record), JSON.stringify(record, null, 2) + "\n", 0o600);
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

  /** Complete entries, newest first; entries that cannot be read are listed as damaged, never dropped silently. */
  async list(): Promise<{ requests: StoredRequest[]; damaged: DamagedEntry[] }> {
    const names = await fs.readdir(this.requestsDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return [] as string[];
      throw e;
    });
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
    return { requests, damaged };
  }

  async get(id: string): Promise<StoredRequest> {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(id)) throw new InputError(`"${id}" is not a request id (see lynccert list)`, { field: "id" });
    const dir = join(this.requestsDir, id);
    const text = await fs.readFile(join(dir, STORE_FILES.record), "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") throw new InputError(`no request ${id} in ${this.dir} (see lynccert list)`, { field: "id" });
      throw e;
    });
    const record = JSON.parse(text) as RequestRecord;
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

  async readEncryptedKey(id: string): Promise<string> {
    return fs.readFile(join(this.requestsDir, id, STORE_FILES.key), "utf8");
  }
}

/** Readable and unique: role, first label of the server, date, random suffix. */
function requestId(record: Omit<RequestRecord, "id">): string {
  const who = (record.plan.server ?? record.plan.cn).split(".")[0]!.replace(/[^a-z0-9-]/g, "");
  const day = record.createdAt.slice(0, 10).replace(/-/g, "");
  return `${record.plan.role}-${who}-${day}-${randomBytes(3).toString("hex")}`;
}
