import { basename } from "node:path";
import type { AnswerImport, AnswerRow } from "../../services/answer-import-service";
import { readExportPassword } from "../passphrase";
import { COMMON_OPTIONS, type Command } from "../command";
import { reportText } from "../report-text";
import { progressBar, textTable } from "../text-table";
import { answersFailed, importAnswers } from "../../services/answer-import-service";
import { answerFiles } from "../../services/files/answer-files";
import { keystoreFrom } from "../store-option";

const VERDICT_WORDS: Record<AnswerRow["verdict"], string> = {
  valid: "valid",
  warnings: "warnings",
  expiring: "expiring",
  "chain-incomplete": "CHAIN INCOMPLETE",
  "needs-reissue": "NEEDS RE-ISSUE",
  expired: "EXPIRED",
  "no-match": "NO MATCH",
};

export const importCommand: Command = {
  usage:
    "lynccert import FILE|DIR ... [--store DIR] [--password-file F] [--json]\n" +
    "  Every leaf certificate is matched to its request by key and checked against that request's plan; one table.\n" +
    "  One file with one certificate prints its full report. A .pfx takes its password from --password-file,\n" +
    "  LYNCCERT_PFX_PASSWORD or a prompt. Exit 1 if any certificate has errors or matches no request.",
  options: { ...COMMON_OPTIONS, store: { type: "string" }, "password-file": { type: "string" } },
  positionals: ["FILE|DIR", "..."],
  async run(values, positionals, io) {
    const { files, skipped } = await answerFiles(positionals);
    const store = keystoreFrom(values, io);
    const showProgress = io.stderrIsTty === true && files.length > 5;
    const result = await importAnswers({
      sources: files.map((file) => ({ file })),
      skipped,
      store,
      at: new Date(),
      pfxPassword: () => readExportPassword(values["password-file"] as string | undefined, io, false),
      onProgress: showProgress ? (done, total, file) => io.err(progressBar(done, total, basename(file)), { newline: false }) : undefined,
    });
    if (showProgress) io.err("", { newline: true });
    const single = files.length === 1 && result.rows.length === 1 && result.others.length === 0 ? result.rows[0] : undefined;
    if (single) io.out(values.json ? singleJson(single) : singleText(single, store.dir));
    else io.out(values.json ? JSON.stringify({ ...result, failed: answersFailed(result) }, null, 2) : bulkText(result, store.dir));
    return answersFailed(result) ? 1 : 0;
  },
};

function singleJson(r: AnswerRow): string {
  return JSON.stringify({ file: r.file, requestId: r.requestId ?? null, attached: r.requestId !== undefined, current: r.current, ...r.report }, null, 2);
}

function singleText(r: AnswerRow, storeDir: string): string {
  const kept = r.current ? "" : " (kept beside its current certificate, which has no errors and stays in use)";
  return reportText(r.report, r.requestId ? `${r.file}: attached to request ${r.requestId}${kept}` : `${r.file}: NOT attached — it matches no pending request in ${storeDir}`);
}

function bulkText(result: AnswerImport, storeDir: string): string {
  const rows = result.rows.map((r) => [
    r.file,
    r.requestId ?? "-",
    r.server ?? "-",
    VERDICT_WORDS[r.verdict],
    r.verdict === "no-match"
      ? `no request in ${storeDir} has this key (${r.subject})`
      : `${r.report.errors} error(s), ${r.report.warnings} warning(s)${r.current ? "" : "; kept beside the current certificate"}`,
  ]);
  const count = (v: AnswerRow["verdict"]) => result.rows.filter((r) => r.verdict === v).length;
  const nothing = [
    ...result.rows.filter((r) => r.verdict === "no-match").map((r) => `  ${r.file}: ${r.subject}: matches no request (X509-KEY-MATCH)`),
    ...result.others.map((o) => `  ${o.file}: ${o.why}`),
  ];
  return [
    textTable(["File", "Request", "Server", "Verdict", "Details"], rows),
    "",
    `${result.rows.length} certificate(s) from ${result.files} file(s): ${count("valid")} valid, ${count("warnings")} with warnings, ${count("needs-reissue")} need re-issue, ${count("no-match")} match no request${count("chain-incomplete") ? `, ${count("chain-incomplete")} with an incomplete chain` : ""}.`,
    ...(nothing.length ? ["", "Files that gave nothing to attach, and why:", ...nothing] : []),
    ...(count("needs-reissue") ? ["", "Each finding with its rule id: lynccert import FILE on that file alone (or --json)."] : []),
  ].join("\n");
}
