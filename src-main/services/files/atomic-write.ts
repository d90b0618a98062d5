import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../../../shared/errors";

export interface WriteOptions {
  /** Replace an existing file (only behind an explicit --force). */
  overwrite?: boolean;
  /** File mode; private material is written owner-only. */
  mode?: number;
}

/**
 * Writes a file so that a crash leaves either the old state or the whole new file: a temp file beside
 * the target, fsync, then link (refuses an existing target atomically) or rename (with overwrite).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  await writeAndSync(temp, data, options.mode ?? 0o644);
  try {
    if (options.overwrite) await fs.rename(temp, path);
    else await linkNoClobber(temp, path);
  } finally {
    await fs.rm(temp, { force: true });
  }
  await syncDirectory(dir);
}

export async function writeAndSync(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const handle = await fs.open(path, "wx", mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
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

/** Checks an output before anything is written, so a refused second output leaves no first one behind. */
export async function refuseExisting(path: string, field: string): Promise<void> {
  const found = await fs.lstat(path).then(
    () => true,
    () => false,
  );
  if (found) throw existsError(path, field);
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
