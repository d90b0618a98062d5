import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach } from "vitest";

/**
 * A real small file system (tmpfs) mounted for a test, so that a full disk is the kernel's ENOSPC and a
 * read-only one its EROFS, not a simulation. Needs root (CI runs as root); elsewhere `available` is false.
 */
export const SMALL_DISKS_AVAILABLE = process.getuid?.() === 0 && mountWorks();

function mountWorks(): boolean {
  const probe = join(process.env.TMPDIR ?? "/tmp", `lynccert-mount-probe-${process.pid}`);
  mkdirSync(probe, { recursive: true });
  const ok = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]).status === 0;
  if (ok) spawnSync("umount", [probe]);
  return ok;
}

export function useSmallDisks(): (dir: string, kib: number) => { fill: () => void; readOnly: () => void } {
  const mounted: string[] = [];
  afterEach(() => {
    while (mounted.length) spawnSync("umount", ["-l", mounted.pop()!]);
  });
  return (dir, kib) => {
    mkdirSync(dir, { recursive: true });
    const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kib}k,mode=0755`, "tmpfs", dir], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`mount failed: ${r.stderr}`);
    mounted.push(dir);
    return {
      /** Leaves no free block: the next write of any size fails with ENOSPC. */
      fill: () => {
        const filler = join(dir, ".filler");
        try {
          writeFileSync(filler, Buffer.alloc(kib * 1024));
        } catch {
          // ENOSPC: the disk is full now, which is the point.
        }
      },
      readOnly: () => {
        const ro = spawnSync("mount", ["-o", "remount,ro", dir], { encoding: "utf8" });
        if (ro.status !== 0) throw new Error(`remount failed: ${ro.stderr}`);
      },
    };
  };
}
