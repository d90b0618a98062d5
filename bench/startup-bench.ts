import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { row, timeInterleaved } from "./measure";

const root = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(root, "bin/lynccert.cjs");
const SITE = join(root, "examples/contoso.site.json");

/** CLI start-up against Node's own (`node -e 0`), interleaved: goal within 1.3x for --help and plan (issue 13). */
export function startupBench(): void {
  console.log("\n== CLI start-up vs node -e 0; interleaved, median wall time, new process each ==");
  const [node, ...cli] = timeInterleaved(31, [
    { label: "node -e 0 (Node start-up alone)", steps: () => [{ cmd: process.execPath, args: ["-e", "0"] }] },
    { label: "lynccert --help", steps: () => [{ cmd: process.execPath, args: [BIN, "--help"] }] },
    {
      label: "lynccert plan (front-end fe01, the README example)",
      steps: () => [{ cmd: process.execPath, args: [BIN, "plan", "--site", SITE, "--role", "front-end", "--server", "fe01.contoso.net"] }],
    },
  ]);
  console.log(row(node!));
  for (const t of cli) console.log(`${row(t)}   ratio ${(t.medianMs / node!.medianMs).toFixed(2)}`);
}
