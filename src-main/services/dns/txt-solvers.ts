import { spawn } from "node:child_process";
import { InputError } from "../../../shared/errors";
import { sendUpdate } from "./dns-update";
import { delegatedName, resolverAt, type DnsServer } from "./txt-check";
import type { TsigKey } from "./tsig-key-file";

export interface TxtRecord {
  name: string;
  value: string;
}

/**
 * How the dns-01 TXT records get into DNS. `add` returns the records as they were placed (a delegated name is
 * the CNAME's target), which are the ones checked and later removed.
 */
export interface TxtSolver {
  add(records: readonly TxtRecord[]): Promise<TxtRecord[]>;
  remove(records: readonly TxtRecord[]): Promise<void>;
  /** The manual way waits longer: a person creates the records. */
  waitMs: number;
}

const HOOK_TIMEOUT_MS = 60_000;
/** How long records placed by a hook or an update may take to be served: most providers publish within a minute. */
const PLACED_WAIT_MS = 120_000;
/** Names and values LyncCert passes to a hook: host names and base64url, nothing a shell would read as syntax. */
const PLAIN_ARGUMENT = /^[A-Za-z0-9._*-]+$/;

/**
 * The admin's own script, called as `CMD add NAME VALUE` and `CMD remove NAME VALUE` (as certbot's manual hooks
 * are), for any DNS provider they script. Its exit code says whether it worked; its output is shown on failure.
 */
export function hookSolver(command: string): TxtSolver {
  const run = async (verb: "add" | "remove", r: TxtRecord) => {
    if (!PLAIN_ARGUMENT.test(r.name) || !PLAIN_ARGUMENT.test(r.value)) throw new Error(`not a plain name or value: ${r.name} ${r.value}`);
    // A shell runs it, so CMD may carry its own arguments (python3 hook.py, powershell -File hook.ps1).
    const child = spawn(`${command} ${verb} ${r.name} ${r.value}`, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-2000)));
    child.stderr.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-2000)));
    const code = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve(`did not finish within ${HOOK_TIMEOUT_MS / 1000} s`);
      }, HOOK_TIMEOUT_MS);
      child.on("error", (e) => (clearTimeout(timer), resolve(e.message)));
      child.on("close", (c) => (clearTimeout(timer), resolve(c ?? "killed")));
    });
    if (code !== 0)
      throw new InputError(
        `--dns-hook: "${command} ${verb} ${r.name} ${r.value}" ${typeof code === "number" ? `exited with ${code}` : code}${output.trim() ? `: ${output.trim()}` : ""}`,
        {
          field: "--dns-hook",
        },
      );
  };
  return {
    waitMs: PLACED_WAIT_MS,
    add: (records) =>
      addAll(
        records,
        (r) => run("add", r),
        (r) => run("remove", r),
      ),
    async remove(records) {
      for (const r of records) await run("remove", r);
    },
  };
}

/**
 * RFC 2136 dynamic update signed with TSIG, to the server the admin names. A `_acme-challenge` name that is a
 * CNAME (delegated once to a zone that takes updates) is updated at its target. The zone of each name is found
 * from that server's SOA records.
 */
export function rfc2136Solver(server: DnsServer, key: TsigKey, check: readonly DnsServer[] | undefined): TxtSolver {
  const update = async (op: "add" | "delete", r: TxtRecord) => sendUpdate(server, await zoneOf(r.name, server), [{ op, ...r }], key);
  return {
    waitMs: PLACED_WAIT_MS,
    async add(records) {
      const placed = await Promise.all(records.map(async (r) => ({ name: await delegatedName(r.name, check ?? [server]), value: r.value })));
      return addAll(
        placed,
        (r) => update("add", r),
        (r) => update("delete", r),
      );
    },
    async remove(records) {
      for (const r of records) await update("delete", r);
    },
  };
}

/** Adds each record; when one fails, those already added are taken out again before the error is reported. */
async function addAll(records: readonly TxtRecord[], add: (r: TxtRecord) => Promise<unknown>, remove: (r: TxtRecord) => Promise<unknown>): Promise<TxtRecord[]> {
  const added: TxtRecord[] = [];
  try {
    for (const r of records) {
      await add(r);
      added.push(r);
    }
    return added;
  } catch (e) {
    for (const r of added) await remove(r).catch(() => undefined);
    throw e;
  }
}

/** The zone a name is in, as the update server sees it: the closest enclosing name with an SOA record. */
async function zoneOf(name: string, server: DnsServer): Promise<string> {
  const resolver = resolverAt([server]);
  const labels = name.split(".");
  for (let i = 1; i < labels.length - 1; i++) {
    const zone = labels.slice(i).join(".");
    if ((await resolver.resolveSoa(zone).catch(() => undefined)) !== undefined) return zone;
  }
  throw new InputError(`${server.host}:${server.port} is authoritative for no zone above ${name}: name the server that holds the zone`, { field: "--dns-rfc2136" });
}

/**
 * The records are shown, the admin creates them at their DNS provider; LyncCert waits until it sees them (at most
 * `waitMs`: 15 minutes on the command line; the app asks only once the admin says they are there), then says which
 * to delete.
 */
export function manualSolver(say: (line: string) => void, waitMs = 15 * 60_000): TxtSolver {
  return {
    waitMs,
    async add(records) {
      say(`Create these TXT records at your DNS provider (LyncCert waits until it sees them, at most ${waitMs / 60_000} minutes):`);
      for (const r of records) say(`  ${r.name}  TXT  "${r.value}"`);
      return [...records];
    },
    async remove(records) {
      say("Done with the validation: delete these TXT records again:");
      for (const r of records) say(`  ${r.name}  TXT  "${r.value}"`);
    },
  };
}
