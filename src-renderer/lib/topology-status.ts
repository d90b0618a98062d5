import type { RequestRow } from "../../shared/bridge/bridge-contract";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import { csvText } from "../../shared/codec/csv";
import { certificateState, type CertificateState } from "../../shared/certificates/certificate-state";
import { covers, sameCertificate } from "../../shared/certificates/coverage";

/** What the round does for a certificate: a first request, a re-issue of one with errors, a renewal of one running out; or nothing yet. */
export type RoundAction = "request" | "reissue" | "renew" | null;

export interface TopologyRow {
  plan: CertificatePlan;
  /** planned: no request yet; otherwise the state of the newest request's certificate. */
  state: CertificateState | "planned";
  label: string;
  request: RequestRow | undefined;
  /** The request is for a combined certificate that carries this one's usages too. */
  combined: boolean;
  action: RoundAction;
}

const ACTIONS: Partial<Record<CertificateState | "planned", RoundAction>> = { planned: "request", "needs-reissue": "reissue", expiring: "renew", expired: "renew" };

/**
 * One row per certificate the topology needs, with the request that answers it and that request's state:
 * the newest made for exactly its usages, else the newest combined one that carries them.
 */
export function topologyRows(plans: readonly CertificatePlan[], requests: readonly RequestRow[], now: Date): TopologyRow[] {
  const newestFirst = [...requests].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return plans.map((plan) => {
    const request = newestFirst.find((r) => sameCertificate(r, plan)) ?? newestFirst.find((r) => covers(r, plan));
    if (!request) return { plan, request, state: "planned" as const, label: "planned, not requested", combined: false, action: "request" as const };
    const { state, label } = certificateState(request, now);
    return { plan, request, state, label, combined: !sameCertificate(request, plan), action: ACTIONS[state] ?? null };
  });
}

/** RFC 4180 CSV with CRLF, which Excel opens as it is. */
export function topologyCsv(rows: readonly TopologyRow[]): string {
  const lines = [["Role", "Server", "Types", "Subject CN", "SAN names", "State", "Request", "Expires"]];
  for (const r of rows)
    lines.push([
      r.plan.role,
      r.plan.server ?? "",
      r.plan.types.join(" "),
      r.plan.cn,
      String(r.plan.san.length),
      r.label,
      r.request?.id ?? "",
      r.request?.notAfter?.slice(0, 10) ?? "",
    ]);
  return csvText(lines);
}
