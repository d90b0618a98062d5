import { promises as fs } from "node:fs";
import { join } from "node:path";
import { csvText } from "../../shared/codec/csv";
import { InputError } from "../../shared/errors";
import { checkPfxPassword, PFX_PROFILES, type PfxProfile } from "../../shared/export/pfx-profile";
import { kitScript, type ScriptCertificate } from "../../shared/export/powershell";
import { planKits, type KitSource, type ServerKit } from "../../shared/kit/kit-plan";
import { KIT_README_NAME, KIT_SCRIPT_NAME, kitReadme } from "../../shared/kit/kit-readme";
import { KIT_SUMMARY_HEAD, kitSummaryRows, missingLines } from "../../shared/kit/kit-summary";
import type { Site } from "../../shared/site/site-types";
import { PassphraseKeys } from "./crypto/derive-key";
import { material, pfxBytes } from "./export-service";
import { pathError } from "./files/fs-errors";
import { writeFileAtomic } from "./files/atomic-write";
import type { Keystore } from "./keystore/keystore";

export const KIT_SUMMARY_FILE = "kit-summary.csv";

export interface KitOptions {
  site: Site;
  store: Keystore;
  outDir: string;
  keystorePassphrase: string;
  /** One password for every PFX of every kit. */
  password: string;
  profile: PfxProfile;
  at: Date;
}

export interface KitResult {
  kits: ServerKit[];
  outDir: string;
  summaryFile: string;
  files: number;
  /** Keystore entries that could not be read: their certificates may be what a kit lacks. */
  damaged: string[];
}

/** The kits of the whole site, as plans: what each server would get, without reading a key. */
export async function kitPlans(site: Site, store: Keystore, at: Date): Promise<{ kits: ServerKit[]; damaged: string[] }> {
  const { requests, damaged } = await store.list();
  const sources: KitSource[] = requests.map(({ record }) => ({ id: record.id, createdAt: record.createdAt, plan: record.plan, certificate: record.certificate }));
  return { kits: planKits(site, sources, at), damaged: damaged.map((d) => `${d.id}: ${d.problem}`) };
}

/**
 * A folder per server holding its PFX files, one script and a README, and a summary CSV beside them. Every
 * PFX is made (and every key opened) before anything is written, and nothing that exists is replaced.
 */
export async function buildKits(o: KitOptions): Promise<KitResult> {
  const password = checkPfxPassword(o.password, "PFX password");
  const { kits, damaged } = await kitPlans(o.site, o.store, o.at);
  const files = new Map<string, string | Uint8Array>();
  const built = new Map<string, { pfx: Uint8Array; script: ScriptCertificate }>();
  const keystoreKeys = new PassphraseKeys(o.keystorePassphrase);
  for (const id of new Set(kits.flatMap((k) => k.entries.filter((e) => e.state === "ready").map((e) => e.requestId!)))) {
    // The root too: Edge servers are outside the domain and need the internal root in their store (EDGE-INT-CHAIN).
    const m = await material({ store: o.store, id, includeRoot: true, friendlyName: undefined });
    const pfx = await pfxBytes({ store: o.store, id, keystorePassphrase: keystoreKeys }, m, password, o.profile);
    const record = m.request.record;
    built.set(id, {
      pfx,
      script: { plan: record.plan, thumbprint: m.thumbprint, friendlyName: m.friendlyName, pfxFileName: "", notAfter: new Date(record.certificate!.notAfter), requestId: id },
    });
  }
  for (const kit of kits) {
    const folder = join(o.outDir, kitFolderName(kit.server));
    const ready = kit.entries.filter((e) => e.state === "ready");
    for (const e of ready) files.set(join(folder, e.fileName), built.get(e.requestId!)!.pfx);
    if (ready.length) {
      const certificates = ready.map((e) => ({ ...built.get(e.requestId!)!.script, pfxFileName: e.fileName }));
      // UTF-8 with BOM: Windows PowerShell 5 reads BOM-less scripts as ANSI.
      files.set(join(folder, KIT_SCRIPT_NAME), "\uFEFF" + kitScript({ server: kit.server, kind: kit.kind, certificates, missing: missingLines(kit) }));
    }
    const friendlyNames = new Map(ready.map((e) => [e.requestId!, built.get(e.requestId!)!.script.friendlyName]));
    files.set(join(folder, KIT_README_NAME), "\uFEFF" + kitReadme({ kit, madeAt: o.at, profileTitle: `${o.profile} (${PFX_PROFILES[o.profile].title})`, friendlyNames }));
  }
  const summaryFile = join(o.outDir, KIT_SUMMARY_FILE);
  files.set(summaryFile, "\uFEFF" + csvText([[...KIT_SUMMARY_HEAD], ...kitSummaryRows(kits)]));
  await refuseExisting([...files.keys()]);
  for (const [path, data] of files) {
    await fs.mkdir(join(path, ".."), { recursive: true }).catch((e) => {
      throw pathError(e, path, "write it", "--out-dir");
    });
    await writeFileAtomic(path, data, { overwrite: false, mode: typeof data === "string" ? 0o644 : 0o600 });
  }
  return { kits, outDir: o.outDir, summaryFile, files: files.size, damaged };
}

/** Kits never replace a file: an earlier kit may be the one already on the servers. */
async function refuseExisting(paths: readonly string[]): Promise<void> {
  const existing: string[] = [];
  for (const p of paths) if (await fs.lstat(p).catch(() => undefined)) existing.push(p);
  if (existing.length)
    throw new InputError(`${existing[0]}${existing.length > 1 ? ` and ${existing.length - 1} more file(s)` : ""} already exist: kits never replace files; choose a new --out-dir`, {
      field: "--out-dir",
    });
}

/** Server FQDNs are checked host names already; anything else would not become a folder name. */
function kitFolderName(server: string): string {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(server)) throw new InputError(`${server}: not usable as a kit folder name`, { field: "--site" });
  return server;
}
