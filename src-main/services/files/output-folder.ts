import { promises as fs } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError } from "../../../shared/errors";
import { pathError } from "./fs-errors";

/** Deeper than any real output folder; a bound, so a file system that refuses folders cannot loop us. */
const MAX_NEW_LEVELS = 32;

/**
 * Makes the output folder the admin named (and its missing parents) owner-only, in a bounded number of
 * steps: Node's recursive mkdir spins forever where the kernel answers ENOENT for a parent that exists
 * (/proc). A path that is a file, or a symbolic link that leads nowhere, is named as such.
 */
export async function makeOutputFolder(path: string, field: string, what = "the output folder"): Promise<string> {
  const target = resolve(path);
  const missing: string[] = [];
  for (let dir = target; ; dir = dirname(dir)) {
    const stat = await fs.stat(dir).catch((e: NodeJS.ErrnoException) => {
      // ENOTDIR: a part of the path is a file; going up names it.
      if (e.code !== "ENOENT" && e.code !== "ENOTDIR") throw pathError(e, dir, "use it", field);
      return undefined;
    });
    // What stat did not find may exist by now (another request of a batch, or another LyncCert, made it): only a
    // symbolic link that leads nowhere is the admin's to fix.
    const found = stat ?? (await fs.lstat(dir).catch(() => undefined));
    if (found?.isSymbolicLink() && !stat) throw new InputError(`${dir}: is a symbolic link to something that does not exist; name a real folder`, { field });
    if (found) {
      if (!found.isDirectory()) throw new InputError(`${dir}: cannot make ${what} there: it is a file, not a folder`, { field });
      break;
    }
    if (dirname(dir) === dir || missing.length >= MAX_NEW_LEVELS) throw new InputError(`${target}: cannot make ${what}: too many folders to create`, { field });
    missing.unshift(dir);
  }
  for (const dir of missing) {
    await fs.mkdir(dir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "EEXIST") return;
      // The parent exists (made or found above): ENOENT here means the file system takes no new folders.
      if (e.code === "ENOENT") throw new InputError(`${dir}: cannot make a folder here: this file system does not allow it; choose another folder`, { field });
      throw pathError(e, dir, `make ${what}`, field);
    });
    await fs.chmod(dir, 0o700);
  }
  return target;
}
