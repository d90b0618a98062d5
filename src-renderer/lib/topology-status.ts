import type { RequestRow } from "../../shared/bridge/bridge-contract";
import type { CertificatePlan } from "../../shared/planner/plan-types";

export type CertificateState = "planned" | "requested" | "issued" | "valid" | "expiring" | "expired";

export interface TopologyRow {
  plan: CertificatePlan;
  state: CertificateState;
  request: RequestRow | undefined;
}

const DAY = 86_400_000;
const key = (role: string, server: string | null, types: readonly string[]) => `${role}|${server ?? ""}|${[...types].sort().join(",")}`;

/**
 * One row per certificate the topology needs, with the newest request made for it: planned (none yet),
 * requested (pending), issued (with validator errors), valid, expiring (under 30 days), expired.
 */
export function topologyRows(plans: readonly CertificatePlan[], requests: readonly RequestRow[], now: Date): TopologyRow[] {
  const newest = new Map<string, RequestRow>();
  for (const r of [...requests].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) newest.set(key(r.role, r.server, r.types), r);
  return plans.map((plan) => {
    const request = newest.get(key(plan.role, plan.server, plan.types));
    return { plan, request, state: stateOf(request, now) };
  });
}

function stateOf(r: RequestRow | undefined, now: Date): CertificateState {
  if (!r) return "planned";
  if (r.status === "pending" || !r.notAfter) return "requested";
  if (r.errors) return "issued";
  const left = Date.parse(r.notAfter) - now.getTime();
  return left < 0 ? "expired" : left < 30 * DAY ? "expiring" : "valid";
}

/** RFC 4180 CSV with CRLF, which Excel opens as it is. */
export function topologyCsv(rows: readonly TopologyRow[]): string {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [["Role", "Server", "Types", "Subject CN", "SAN names", "State", "Request", "Expires"]];
  for (const r of rows)
    lines.push([
      r.plan.role,
      r.plan.server ?? "",
      r.plan.types.join(" "),
      r.plan.cn,
      String(r.plan.san.length),
      r.state,
      r.request?.id ?? "",
      r.request?.notAfter?.slice(0, 10) ?? "",
    ]);
  return lines.map((l) => l.map(cell).join(",")).join("\r\n") + "\r\n";
}
