import { STALE_AFTER_MS } from "../../services/files/atomic-write";
import { requestSummary } from "../../services/keystore/request-record";
import { COMMON_OPTIONS, type Command } from "../command";
import { keystoreFrom } from "../store-option";

export const listCommand: Command = {
  usage: "lynccert list [--store DIR] [--json]",
  options: { ...COMMON_OPTIONS, store: { type: "string" } },
  async run(values, _positionals, io) {
    const store = keystoreFrom(values, io);
    const { requests, damaged, leftovers } = await store.list();
    const rows = requests.map(({ record }) => requestSummary(record));
    if (values.json) {
      io.out(JSON.stringify({ store: store.dir, requests: rows, damaged, leftovers }, null, 2));
    } else {
      if (rows.length === 0) io.out(`No requests in ${store.dir}`);
      for (const r of rows) io.out(`${r.id.padEnd(48)}${r.status.padEnd(9)}${r.key.padEnd(9)}CN=${r.cn}  ${r.createdAt.slice(0, 10)}`);
      for (const d of damaged) io.err(`damaged entry ${d.id}: ${d.problem}`);
      if (leftovers.length)
        io.err(
          `${leftovers.length} unfinished write${leftovers.length === 1 ? "" : "s"} left by an interrupted run (${leftovers.map((l) => l.name).join(", ")}); the next request cleans those older than ${STALE_AFTER_MS / 60_000} minutes`,
        );
    }
    return damaged.length > 0 ? 1 : 0;
  },
};
