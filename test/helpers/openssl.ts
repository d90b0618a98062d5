import { execFileSync, spawnSync } from "node:child_process";

/** Runs the openssl CLI, the independent judge of what LyncCert writes; throws with its stderr on failure. */
export function openssl(args: string[], input?: string | Buffer): string {
  const r = spawnSync("openssl", args, { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout + r.stderr;
}

export function opensslStatus(args: string[], input?: string | Buffer): { status: number; output: string } {
  const r = spawnSync("openssl", args, { input, encoding: "utf8" });
  return { status: r.status ?? -1, output: r.stdout + r.stderr };
}

export function opensslVersion(): string {
  return execFileSync("openssl", ["version"], { encoding: "utf8" }).trim();
}
