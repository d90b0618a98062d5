import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../../../shared/errors";
import { pathError } from "./fs-errors";
import { randomHex } from "./random-hex";

export interface WriteOptions {
  /** Replace an existing file (only behind an explicit --force). */
  overwrite?: boolean;
  /** File mode; private material is written owner-only. */
  mode?: number;
}

/** The ending of a temporary file that an interrupted write leaves behind. */
export const TEMP_SUFFIX = ".tmp";
/** A write takes seconds; a temporary file or staging folder this old was left by a killed process. */
export const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Writes a file so that a crash leaves either the old state or the whole new file: a temp file beside
 * the target, fsync, then link (refuses an existing target atomically) or rename (with overwrite). On every
 * failure the temp file is removed, since it may hold a private key; a killed process's stale temp files for
 * the same target are removed by the next write.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  const temp = join(dir, `${prefix}${randomHex(6)}${TEMP_SUFFIX}`);
  try {
    await removeStaleTemps(dir, prefix);
    try {
      await writeAndSync(temp, data, options.mode ?? 0o644);
      if (options.overwrite) await fs.rename(temp, path);
      else await linkNoClobber(temp, path);
    } finally {
      await fs.rm(temp, { force: true });
    }
    await syncDirectory(dir);
  } catch (error) {
    throw pathError(error, path, "write it");
  }
}

/**
 * Creates a new file with exactly `mode` (whatever the umask), writes and fsyncs it. A file it could not
 * complete is removed, so no partial copy of private material is ever left; the caller names the path.
 */
export async function writeAndSync(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const handle = await fs.open(path, "wx", mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(path, { force: true });
    throw error;
  }
  await handle.close();
}

/** Temp files of one target that a killed process left behind (younger ones may be another write under way). */
async function removeStaleTemps(dir: string, prefix: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX))) {
    const stat = await fs.lstat(join(dir, name)).catch(() => undefined);
    if (stat?.isFile() && Date.now() - stat.mtimeMs >= STALE_AFTER_MS) await fs.rm(join(dir, name), { force: true });
  }
}

async function linkNoClobber(temp: string, path: string): Promise<void> {
  try {
    await fs.link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw existsError(path, path);
    throw error;
  }
}

function existsError(path: string, field: string): InputError {
  return new InputError(`${path} already exists; choose another name or pass --force to replace it`, { field });
}

/**
 * Checks an output before anything is made or written: its folder exists, it is not a folder itself, and
 * it is not there already unless it may be replaced. So a refused output leaves no key and no other output.
 */
export async function checkOutput(path: string, field: string, overwrite: boolean): Promise<void> {
  const folder = await fs.stat(dirname(path)).catch((e) => {
    throw pathError(e, path, "write it", field);
  });
  if (!folder.isDirectory()) throw new InputError(`${path}: cannot write it: ${dirname(path)} is not a folder`, { field });
  const existing = await fs.lstat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new InputError(`${path}: cannot write it: it is a folder (EISDIR)`, { field });
  if (existing && !overwrite) throw existsError(path, field);
}

/** Makes a rename durable; Windows cannot open directories, and NTFS journals the rename itself. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
