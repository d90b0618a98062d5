import { isEcdsaKey } from "../../shared/crypto/key-spec";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { csvText } from "../../shared/codec/csv";
import { InputError } from "../../shared/errors";
import { checkPfxPassword, PFX_PROFILES, type PfxProfile } from "../../shared/export/pfx-profile";
import { chainFileName, kitScript, type ScriptCertificate } from "../../shared/export/powershell";
import { certificatesOnlyPkcs7 } from "../../shared/codec/pkcs7-certificates";
import { planKits, type KitPlanOptions, type KitSource, type ServerKit } from "../../shared/kit/kit-plan";
import { KIT_README_NAME, KIT_SCRIPT_NAME, kitReadme } from "../../shared/kit/kit-readme";
import { KIT_SUMMARY_HEAD, kitSummaryRows, missingLines } from "../../shared/kit/kit-summary";
import type { Site } from "../../shared/site/site-types";
import { PassphraseKeys } from "./crypto/derive-key";
import { material, pfxBytes } from "./export-service";
import { pathError } from "./files/fs-errors";
import { STALE_AFTER_MS, syncDirectory, writeAndSync } from "./files/atomic-write";
import { randomHex } from "./files/random-hex";
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
  allowEcdsa?: boolean;
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
export async function kitPlans(site: Site, store: Keystore, at: Date, options: KitPlanOptions = {}): Promise<{ kits: ServerKit[]; damaged: string[] }> {
  const { requests, damaged } = await store.list();
  const sources: KitSource[] = requests.map(({ record }) => ({ id: record.id, createdAt: record.createdAt, plan: record.plan, key: record.key, certificate: record.certificate }));
  return { kits: planKits(site, sources, at, options), damaged: damaged.map((d) => `${d.id}: ${d.problem}`) };
}

/**
 * A folder per server holding its PFX files, one script and a README, and a summary CSV beside them. Every
 * PFX is made (and every key opened) before anything is written; all is written into a staging folder inside
 * `outDir` and moved into place at the end, so a full disk or a killed run leaves no half-made kit (a stale
 * staging folder is removed by the next build). Nothing that exists is replaced, no link in `outDir` is
 * followed, and every folder and file is owner-only whatever the umask.
 */
export async function buildKits(o: KitOptions): Promise<KitResult> {
  const password = checkPfxPassword(o.password, "PFX password");
  const { kits, damaged } = await kitPlans(o.site, o.store, o.at, { allowEcdsa: o.allowEcdsa });
  const built = new Map<string, { pfx: Uint8Array; chain: Uint8Array | undefined; script: ScriptCertificate }>();
  const keystoreKeys = new PassphraseKeys(o.keystorePassphrase);
  for (const id of new Set(kits.flatMap((k) => k.entries.filter((e) => e.state === "ready").map((e) => e.requestId!)))) {
    // The root too: Edge servers are outside the domain and need the internal root in their store (EDGE-INT-CHAIN).
    const m = await material({ store: o.store, id, includeRoot: true, friendlyName: undefined });
    const pfx = await pfxBytes({ store: o.store, id, keystorePassphrase: keystoreKeys }, m, password, o.profile);
    const record = m.request.record;
    built.set(id, {
      pfx,
      chain: m.issuers.length ? certificatesOnlyPkcs7(m.certificates.slice(1)) : undefined,
      script: {
        plan: record.plan,
        thumbprint: m.thumbprint,
        friendlyName: m.friendlyName,
        pfxFileName: "",
        notAfter: new Date(record.certificate!.notAfter),
        requestId: id,
        issuers: m.issuers,
        ecdsa: isEcdsaKey(record.key),
      },
    });
  }
  // Kit folder → its files by name; the summary sits beside the folders.
  const folders = new Map<string, Map<string, string | Uint8Array>>();
  for (const kit of kits) {
    const files = new Map<string, string | Uint8Array>();
    const ready = kit.entries.filter((e) => e.state === "ready");
    for (const e of ready) {
      const { pfx, chain } = built.get(e.requestId!)!;
      files.set(e.fileName, pfx);
      if (chain) files.set(chainFileName(e.fileName), chain);
    }
    if (ready.length) {
      const certificates = ready.map((e) => ({ ...built.get(e.requestId!)!.script, pfxFileName: e.fileName }));
      // UTF-8 with BOM: Windows PowerShell 5 reads BOM-less scripts as ANSI.
      files.set(KIT_SCRIPT_NAME, "\uFEFF" + kitScript({ server: kit.server, kind: kit.kind, certificates, missing: missingLines(kit) }));
    }
    const friendlyNames = new Map(ready.map((e) => [e.requestId!, built.get(e.requestId!)!.script.friendlyName]));
    files.set(KIT_README_NAME, "\uFEFF" + kitReadme({ kit, madeAt: o.at, profileTitle: `${o.profile} (${PFX_PROFILES[o.profile].title})`, friendlyNames }));
    folders.set(kitFolderName(kit.server), files);
  }
  const summary = "\uFEFF" + csvText([[...KIT_SUMMARY_HEAD], ...kitSummaryRows(kits)]);
  const count = await writeStaged(o.outDir, folders, summary);
  return { kits, outDir: o.outDir, summaryFile: join(o.outDir, KIT_SUMMARY_FILE), files: count, damaged };
}

const STAGING = ".kit-staging-";

/** Writes every kit into a fresh staging folder, then moves each folder and the summary into `outDir`. */
async function writeStaged(outDir: string, folders: ReadonlyMap<string, ReadonlyMap<string, string | Uint8Array>>, summary: string): Promise<number> {
  await removeStaleStaging(outDir);
  const names = [...folders.keys(), KIT_SUMMARY_FILE];
  await refuseExisting(outDir, names);
  const staging = join(outDir, `${STAGING}${randomHex(6)}`);
  await makePrivateFolder(staging);
  const moved: string[] = [];
  let count = 1;
  try {
    for (const [folder, files] of folders) {
      await makePrivateFolder(join(staging, folder));
      for (const [name, data] of files) await writeAndSync(join(staging, folder, name), data, 0o600);
      await syncDirectory(join(staging, folder));
      count += files.size;
    }
    await writeAndSync(join(staging, KIT_SUMMARY_FILE), summary, 0o600);
    // The summary last: a kit folder without it beside never looks finished.
    for (const name of names) {
      await refuseExisting(outDir, [name]);
      await fs.rename(join(staging, name), join(outDir, name));
      moved.push(name);
    }
    await syncDirectory(outDir);
    return count;
  } catch (error) {
    for (const name of moved) await fs.rm(join(outDir, name), { recursive: true, force: true });
    throw pathError(error, outDir, "write the kits", "--out-dir");
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

async function makePrivateFolder(path: string): Promise<void> {
  await fs.mkdir(path, { mode: 0o700 }).catch((e) => {
    throw pathError(e, path, "make the kit folder", "--out-dir");
  });
  await fs.chmod(path, 0o700);
}

/** What a killed build left: its staging folder, once old enough that no build can still be writing it. */
async function removeStaleStaging(outDir: string): Promise<void> {
  for (const name of (await fs.readdir(outDir).catch(() => [] as string[])).filter((n) => n.startsWith(STAGING))) {
    const stat = await fs.lstat(join(outDir, name)).catch(() => undefined);
    if (stat?.isDirectory() && Date.now() - stat.mtimeMs >= STALE_AFTER_MS) await fs.rm(join(outDir, name), { recursive: true, force: true });
  }
}

/** Kits never replace anything (a file, a folder or a link of a kit's name): an earlier kit may be the one already on the servers. */
async function refuseExisting(outDir: string, names: readonly string[]): Promise<void> {
  const existing: string[] = [];
  for (const name of names) if (await fs.lstat(join(outDir, name)).catch(() => undefined)) existing.push(join(outDir, name));
  if (existing.length)
    throw new InputError(
      `${existing[0]}${existing.length > 1 ? ` and ${existing.length - 1} more already exist` : " already exists"}: kits never replace files; choose a new --out-dir`,
      {
        field: "--out-dir",
      },
    );
}

/** Server FQDNs are checked host names already; anything else would not become a folder name. */
function kitFolderName(server: string): string {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(server)) throw new InputError(`${server}: not usable as a kit folder name`, { field: "--site" });
  return server;
}
