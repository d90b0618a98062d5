import type { BatchItemResult } from "../services/batch-service";
import { progressBar, textTable } from "./text-table";

export function progressLine(done: number, total: number, last: BatchItemResult): string {
  return progressBar(done, total, `${last.request.role} ${last.request.server ?? ""}`.trim());
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
  return textTable(["Role", "Server", "Types", "State", "Request id or error", "Time"], rows);
}
