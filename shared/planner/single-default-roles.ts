import type { Pool, Site } from "../site/site-types";
import type { NamesPlan } from "./internal-server";
import type { PlanNote } from "./plan-types";
import { SanSet } from "./san-set";

function wildcardNote(wildcards: boolean, notes: PlanNote[], rule: "WILDCARD-OTHER-ROLES" | "MED-WILDCARD" = "WILDCARD-OTHER-ROLES"): void {
  if (wildcards) notes.push({ rule, text: "Wildcards are not supported for this role (WILDCARD-OTHER-ROLES); every name is explicit." });
}

/** Stand-alone Mediation Server (§6). */
export function planMediationNames(pool: Pool, server: string, wildcards: boolean): NamesPlan {
  const notes: PlanNote[] = [{ rule: "MED-ONE-CERT", text: "Each Mediation Server of the pool needs its own certificate." }];
  wildcardNote(wildcards, notes, "MED-WILDCARD");
  return { cn: pool.fqdn, cnRules: ["MED-DEFAULT-SN"], san: new SanSet().add(pool.fqdn, "MED-DEFAULT-SAN-POOL").add(server, "MED-DEFAULT-SAN-SERVER"), notes };
}

/** Persistent Chat (§11): no documented names, the Mediation shape as a heuristic (PCHAT-SN-SAN). */
export function planPersistentChatNames(pool: Pool, server: string, wildcards: boolean): NamesPlan {
  const notes: PlanNote[] = [
    { rule: "PCHAT-SN-SAN", text: "Microsoft documents no subject or SAN rule for Persistent Chat; this pool + server shape is LyncCert's heuristic, unverified." },
    { rule: "PCHAT-SAME-CA", text: "Have it issued by the same CA as the other internal Lync servers." },
    { rule: "PCHAT-BEFORE-INSTALL", text: "Have it issued and imported before you start the Persistent Chat installation." },
  ];
  wildcardNote(wildcards, notes);
  return { cn: pool.fqdn, cnRules: ["PCHAT-SN-SAN"], san: new SanSet().add(pool.fqdn, "PCHAT-SN-SAN").add(server, "PCHAT-SN-SAN"), notes, namesAdvisory: "PCHAT-SN-SAN" };
}

/** Survivable Branch Appliance / Server (§7): subject = appliance, SAN = sip.<d> per SIP domain. */
export function planBranchApplianceNames(site: Site, server: string, wildcards: boolean): NamesPlan {
  const notes: PlanNote[] = [
    { rule: "AMB-05", text: `The documented SAN list does not repeat the appliance FQDN (${server}); it is left out as documented (SBA-DEFAULT-FQDN-NOT-IN-SAN).` },
    { rule: "SBS-SAME-AS-SBA", text: "A Survivable Branch Server follows the appliance rules (unconfirmed)." },
  ];
  wildcardNote(wildcards, notes);
  return {
    cn: server,
    cnRules: ["SBA-DEFAULT-SN"],
    san: new SanSet().addAll(
      site.sipDomains.map((d) => `sip.${d}`),
      "SBA-DEFAULT-SAN-SIP",
    ),
    notes,
  };
}

/** OAuthTokenIssuer (§12): CN = default SIP domain, SAN = every SIP domain (AMB-12). */
export function planOAuthNames(site: Site, wildcards: boolean): NamesPlan {
  const notes: PlanNote[] = [
    { rule: "AMB-12", text: "Subject = the default SIP domain (the OAuth realm), SAN = every SIP domain; Microsoft's pages disagree on the shape." },
    { rule: "OAUTH-GLOBAL", text: "One certificate for the whole deployment: import it once with -Identity global." },
    { rule: "AMB-13", text: "Needed for Exchange and SharePoint integration; OAuth itself cannot be turned off." },
  ];
  wildcardNote(wildcards, notes);
  return { cn: site.sipDomains[0]!, cnRules: ["OAUTH-SUBJECT", "AMB-12"], san: new SanSet().addAll(site.sipDomains, "OAUTH-SUBJECT", "AMB-12"), notes };
}
