import type { RequestRow } from "../../shared/bridge/bridge-contract";
import type { CertificatePlan } from "../../shared/planner/plan-types";
import { csvText } from "../../shared/codec/csv";
import { certificateState, type CertificateState } from "../../shared/certificates/certificate-state";

export interface TopologyRow {
  plan: CertificatePlan;
  /** planned: no request yet; otherwise the state of the newest request's certificate. */
  state: CertificateState | "planned";
  label: string;
  request: RequestRow | undefined;
}

/** Which certificate a request or plan is for: role, server and usages (in any order). */
const key = (role: string, server: string | null, types: readonly string[]) => `${role}|${server ?? ""}|${[...types].sort().join(",")}`;

/** One row per certificate the topology needs, with the newest request made for it and that request's state. */
export function topologyRows(plans: readonly CertificatePlan[], requests: readonly RequestRow[], now: Date): TopologyRow[] {
  const newest = new Map<string, RequestRow>();
  for (const r of [...requests].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) newest.set(key(r.role, r.server, r.types), r);
  return plans.map((plan) => {
    const request = newest.get(key(plan.role, plan.server, plan.types));
    if (!request) return { plan, request, state: "planned" as const, label: "planned, not requested" };
    const { state, label } = certificateState(request, now);
    return { plan, request, state, label };
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

/** True when a request is for the very certificate a plan describes. */
export function requestedFor(request: RequestRow, plan: CertificatePlan): boolean {
  return key(request.role, request.server, request.types) === key(plan.role, plan.server, plan.types);
}
