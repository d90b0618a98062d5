import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { parsePemBlocks, toPem } from "../../../shared/codec/pem";
import { InputError } from "../../../shared/errors";
import { certificateFacts, type CertificateFacts } from "../../../shared/x509/certificate-facts";
import { writeFileAtomic } from "../files/atomic-write";
import { readInputFile } from "../files/input-file";
import { makeOutputFolder } from "../files/output-folder";

/** A site's CAs are a handful (a root, an issuing CA or two, renewed keys, a public CA or two): a bound on every chain search. */
export const MAX_KEPT_CAS = 256;
const MAX_CA_FILE_BYTES = 64 * 1024;

export const isCaCertificate = (c: CertificateFacts) => c.basicConstraints?.ca === true || c.selfIssued;

/**
 * The CA certificates LyncCert has seen, one PEM file each, named by SHA-1 thumbprint: those on an answer's
 * verified chain and those of CA-only files. They complete a leaf-only answer later (what `certreq -submit`
 * returns). Only candidates: a kept certificate is on a chain only where its key verifies the certificate
 * below it, and only a verified path is ever exported or installed, so keeping one plants nothing.
 */
export class CaPool {
  constructor(readonly dir: string) {}

  /** Every kept CA certificate; a file that is not one readable certificate is passed over (it completes nothing). */
  async read(): Promise<CertificateFacts[]> {
    const names = await fs.readdir(this.dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return [] as string[];
      throw e;
    });
    const files = names.filter((n) => /^[0-9A-F]{40}\.pem$/.test(n)).slice(0, MAX_KEPT_CAS);
    const read = await Promise.all(files.map((n) => this.readOne(join(this.dir, n))));
    return read.filter((c): c is CertificateFacts => c !== undefined);
  }

  /** Keeps CA certificates not kept yet; returns how many are new. A full pool is refused by name. */
  async keep(certs: readonly CertificateFacts[]): Promise<number> {
    const cas = certs.filter(isCaCertificate);
    if (cas.length === 0) return 0;
    await makeOutputFolder(this.dir, "--store", "the kept CA certificates folder");
    const kept = new Set((await fs.readdir(this.dir)).map((n) => n.replace(/\.pem$/, "")));
    let added = 0;
    for (const c of cas) {
      const thumbprint = createHash("sha1").update(c.der).digest("hex").toUpperCase();
      if (kept.has(thumbprint)) continue;
      if (kept.size >= MAX_KEPT_CAS)
        throw new InputError(`${this.dir} already holds ${MAX_KEPT_CAS} CA certificates, the most LyncCert keeps; remove those of CAs no longer used`, { field: "--store" });
      await writeFileAtomic(join(this.dir, `${thumbprint}.pem`), toPem("CERTIFICATE", c.der), { mode: 0o644 });
      kept.add(thumbprint);
      added++;
    }
    return added;
  }

  private async readOne(file: string): Promise<CertificateFacts | undefined> {
    try {
      const [block, ...more] = parsePemBlocks((await readInputFile(file, { field: "--store", kind: "a kept CA certificate", maxBytes: MAX_CA_FILE_BYTES })).toString("utf8"), file);
      const facts = block && more.length === 0 && block.label === "CERTIFICATE" ? certificateFacts(block.der) : undefined;
      return facts && isCaCertificate(facts) ? facts : undefined;
    } catch {
      return undefined;
    }
  }
}
