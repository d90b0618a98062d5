import type { BatchItemResult } from "../services/batch-service";

/** A one-line progress bar for a terminal, redrawn in place. */
export function progressLine(done: number, total: number, last: BatchItemResult): string {
  const width = 24;
  const filled = Math.round((done / total) * width);
  const what = `${last.request.role} ${last.request.server ?? ""}`.trim();
  return `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${what.slice(0, 40).padEnd(40)}`;
}

export function summaryTable(results: readonly BatchItemResult[]): string {
  const rows = results.map((r) => [
    r.request.role,
    r.request.server ?? "(deployment)",
    r.request.types?.join(",") ?? "usual",
    r.error ? "FAILED" : "ok",
    r.error ?? `${r.id}${r.note ? ` (${r.note})` : ""}`,
    `${(r.ms / 1000).toFixed(1)} s`,
  ]);
  const head = ["Role", "Server", "Types", "State", "Request id or error", "Time"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
