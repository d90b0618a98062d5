import { certRole } from "../roles/cert-roles";
import { STATE_WORDS } from "../certificates/certificate-state";
import { kitComplete, type KitEntry, type KitState, type ServerKit } from "./kit-plan";

/** The certificate states in the words every view uses (`STATE_WORDS`), and the kit's own. */
export const KIT_STATE_LABELS: Record<KitState, string> = {
  ready: "ready",
  "ecdsa-key": "ECDSA key",
  "chain-incomplete": STATE_WORDS["chain-incomplete"],
  "not-requested": "not requested",
  pending: STATE_WORDS.pending,
  "needs-reissue": STATE_WORDS["needs-reissue"],
  expired: STATE_WORDS.expired,
  "site-changed": "site changed",
};

export const KIT_SUMMARY_HEAD = ["Server", "Pool", "Certificate", "Usages", "State", "Request", "Thumbprint", "Expires", "File", "Why"] as const;

/** One row per certificate of each server: what it gets, and what blocks the rollout. */
export function kitSummaryRows(kits: readonly ServerKit[]): string[][] {
  return kits.flatMap((k) =>
    k.entries.length
      ? k.entries.map((e) => [
          k.server,
          k.pool ?? "",
          certRole(e.role).title,
          e.types.join(" "),
          KIT_STATE_LABELS[e.state],
          e.requestId ?? "",
          e.thumbprint ?? "",
          e.notAfter?.slice(0, 10) ?? "",
          e.state === "ready" ? `${k.server}/${e.fileName}` : "",
          e.why ?? "",
        ])
      : [[k.server, k.pool ?? "", "(none: this role needs no certificate LyncCert plans)", "", "", "", "", "", "", ""]],
  );
}

export const KIT_TABLE_HEAD = ["Server", "Certificate", "Usages", "State", "Request", "File or what blocks it"] as const;

/** The summary in brief, as the command line and the app show it: the file, or what blocks the certificate. */
export function kitTableRows(kits: readonly ServerKit[]): string[][] {
  return kitSummaryRows(kits).map((r) => [r[0]!, r[2]!, r[3]!, r[4]!, r[5]!, r[8]! || r[9]!]);
}

/** A line for each certificate a kit lacks, as the kit's script and README print it. */
export function missingLines(kit: ServerKit): string[] {
  return kit.entries.filter((e) => e.state !== "ready").map((e) => `${describe(e)}: ${KIT_STATE_LABELS[e.state]}${e.why ? ` (${e.why})` : ""}`);
}

export function describe(e: KitEntry): string {
  return `${certRole(e.role).title}${e.types.length ? ` [${e.types.join(", ")}]` : ""}`;
}

export interface KitTotals {
  servers: number;
  complete: number;
  certificates: number;
  ready: number;
}

export function kitTotals(kits: readonly ServerKit[]): KitTotals {
  const entries = kits.flatMap((k) => k.entries);
  return { servers: kits.length, complete: kits.filter(kitComplete).length, certificates: entries.length, ready: entries.filter((e) => e.state === "ready").length };
}
