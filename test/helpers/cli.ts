import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src-main/cli/main";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with a captured terminal. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, stdinIsTty: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

export const BIN = fileURLToPath(new URL("../../bin/lynccert.mjs", import.meta.url));

/** Runs the built, bundled CLI as a user would (npm run build first). */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}, input?: string | Buffer): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env }, encoding: "utf8", input });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
