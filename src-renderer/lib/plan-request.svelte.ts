import { appWords } from "./field-labels";
import { InputError } from "../../shared/errors";
import { planCertificate } from "../../shared/planner/plan";
import type { CertificatePlan, PlanRequest } from "../../shared/planner/plan-types";
import { certRole } from "../../shared/roles/cert-roles";
import type { Site } from "../../shared/site/site-types";
import type { WizardState } from "./wizard-state.svelte";
import type { RequestContent } from "../../shared/bridge/bridge-contract";

export function planRequestOf(w: WizardState): PlanRequest {
  return {
    role: w.role,
    ...(w.server ? { server: w.server } : {}),
    ...(w.types ? { types: w.types } : {}),
    wildcards: w.wildcards,
  };
}

export type PlanOutcome = { plan: CertificatePlan; error: undefined } | { plan: undefined; error: string };

export function tryPlan(site: Site | undefined, w: WizardState): PlanOutcome {
  if (!site) return { plan: undefined, error: "fix the topology first" };
  try {
    return { plan: planCertificate(site, planRequestOf(w)), error: undefined };
  } catch (e) {
    return { plan: undefined, error: appWords(e instanceof InputError ? e.message : String(e)) };
  }
}

/** The servers `--server` may name for a role: pool members, or the pool for per-pool roles. */
export function serverChoices(site: Site | undefined, roleId: WizardState["role"]): string[] {
  const role = certRole(roleId);
  if (!site || role.scope === "deployment") return [];
  const pools = site.pools.filter((p) => p.role === role.poolRole);
  return role.scope === "pool" ? pools.map((p) => p.fqdn) : pools.flatMap((p) => p.servers);
}

/** The request's content as the bridge takes it (generate, certreq INF), snapshotted from the wizard. */
export function requestContentOf(w: WizardState): RequestContent {
  return {
    site: $state.snapshot(w.siteDraft),
    planRequest: $state.snapshot(planRequestOf(w)),
    key: w.key,
    hash: w.key.startsWith("rsa") ? w.hash : undefined,
    subject: $state.snapshot(w.subject),
    template: w.useTemplate ? w.template : null,
  };
}
