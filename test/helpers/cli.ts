import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src-main/cli/main";
import { EXAMPLE_SITE_PATH } from "./sites";

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

let requestsMade = 0;

/** A request made on the command line from the example site into a keystore, as an admin's earlier work: its id and plan. */
export async function exampleRequest(o: {
  store: string;
  dir: string;
  role: string;
  server?: string;
  passphrase: string;
}): Promise<{ id: string; plan: { san: { name: string }[] } }> {
  const args = [
    "request",
    "--site",
    EXAMPLE_SITE_PATH,
    "--role",
    o.role,
    ...(o.server ? ["--server", o.server] : []),
    "--store",
    o.store,
    "--out",
    join(o.dir, `${o.role}-${++requestsMade}.req`),
    "--json",
  ];
  const r = await cli(args, { LYNCCERT_PASSPHRASE: o.passphrase });
  if (r.code !== 0) throw new Error(`lynccert request failed: ${r.err}`);
  return JSON.parse(r.out);
}

export const BIN = fileURLToPath(new URL("../../bin/lynccert.cjs", import.meta.url));

/** Runs the built, bundled CLI as a user would (npm run build first). */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}, input?: string | Buffer): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env }, encoding: "utf8", input });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

export interface BoundedRun extends CliRun {
  /** Set when the process was killed for exceeding its time. */
  timedOut: boolean;
}

/**
 * The bundled CLI under a memory ceiling and a time limit: a blow-up shows as a crash (exit 134), a hang as
 * a kill, both caught by the assertions on the exit code, never by timing the run.
 */
export function cliBounded(args: string[], o: { env?: NodeJS.ProcessEnv; input?: string | Buffer; heapMb?: number; timeoutMs?: number } = {}): BoundedRun {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${o.heapMb ?? 256}`, BIN, ...args], {
    env: { PATH: process.env.PATH, ...o.env },
    encoding: "utf8",
    input: o.input,
    timeout: o.timeoutMs ?? 30_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { code: r.status ?? -1, out: r.stdout ?? "", err: r.stderr ?? "", timedOut: r.error !== undefined && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT" };
}

/** The CLI's contract for any input: exit 0, 1 or 2, one short answer, never a stack trace. */
export function expectContract(r: BoundedRun, maxBytes = 64 * 1024): void {
  if (r.timedOut) throw new Error("the command did not finish in time");
  if (![0, 1, 2].includes(r.code)) throw new Error(`exit ${r.code}: ${r.err.slice(0, 500)}`);
  if (/\n\s+at .+:\d+:\d+/.test(r.err) || /\n\s+at .+:\d+:\d+/.test(r.out)) throw new Error(`stack trace: ${r.err.slice(0, 500)}`);
  if (r.out.length + r.err.length > maxBytes) throw new Error(`${r.out.length + r.err.length} bytes of output`);
}
