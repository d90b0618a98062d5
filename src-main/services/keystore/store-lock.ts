import { promises as fs } from "node:fs";
import { hostname } from "node:os";
import { InputError } from "../../../shared/errors";
import { STALE_AFTER_MS } from "../files/atomic-write";
import { pathError } from "../files/fs-errors";

/** Longer than any step a lock guards (a rename, a record write); a holder that long is stuck or killed. */
const WAIT_MS = 30_000;

/**
 * Runs `action` while holding the keystore's lock file, so that the steps which must see the store as it is
 * (the first key's passphrase, the certificate a request points at) never interleave across processes:
 * another request, the app and a script may share one store. The lock is a file created exclusively; a
 * holder that died (its process gone on this machine, or the file stale) is cleared.
 */
export async function withStoreLock<T>(lockFile: string, action: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const owner = `${hostname()} ${process.pid}\n`;
  for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
    const handle = await fs.open(lockFile, "wx", 0o600).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "EEXIST") throw pathError(e, lockFile, "lock the keystore", "--store");
      return undefined;
    });
    if (handle) {
      await handle.writeFile(owner).finally(() => handle.close());
      break;
    }
    if (await clearIfAbandoned(lockFile)) continue;
    if (Date.now() - started > WAIT_MS)
      throw new InputError(`${lockFile}: the keystore is locked by another LyncCert (${(await holder(lockFile)) ?? "unknown"}); try again when it has finished`, {
        field: "--store",
      });
    await new Promise((r) => setTimeout(r, pause));
  }
  try {
    return await action();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}

async function holder(lockFile: string): Promise<string | undefined> {
  return (await fs.readFile(lockFile, "utf8").catch(() => undefined))?.trim();
}

/** True when the lock's holder is gone: a process of this machine that no longer runs, or a file older than any holder. */
async function clearIfAbandoned(lockFile: string): Promise<boolean> {
  const stat = await fs.lstat(lockFile).catch(() => undefined);
  if (!stat) return true;
  const seen = await holder(lockFile);
  const [host, pid] = (seen ?? "").split(" ");
  const dead = host === hostname() && pid !== undefined && /^\d+$/.test(pid) && !isRunning(Number(pid));
  if (!dead && Date.now() - stat.mtimeMs < STALE_AFTER_MS) return false;
  // Another process may have cleared it and taken the lock meanwhile: only the lock judged is removed.
  if ((await holder(lockFile)) === seen) await fs.rm(lockFile, { force: true });
  return true;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
