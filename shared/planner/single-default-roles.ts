import { InputError } from "../errors";
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

/**
 * Office Web Apps Server / Office Online Server farm (§13): the farm FQDN Lync uses as its internal site name
 * must be in the subject or a SAN (OWAS-NAME-IN-CERT); when published through the reverse proxy, the same name
 * is on the reverse proxy's certificate too (RP-SAN-OWAS). The farm's other rules live in Office's documentation.
 */
export function planOfficeWebAppsNames(site: Site, wildcards: boolean): NamesPlan {
  const farm = site.officeWebApps;
  if (!farm)
    throw new InputError("site file has no officeWebApps farm, so there is no Office Web Apps Server certificate to plan (add officeWebApps.fqdn)", {
      field: "officeWebApps",
      rule: "OWAS-NAME-IN-CERT",
    });
  const notes: PlanNote[] = [
    { rule: "OWAS-DISCOVERY", text: `Lync finds the farm at https://${farm.fqdn}/hosting/discovery/, added per pool in Topology Builder.` },
    {
      rule: "OWAS-OTHER",
      text: "Give the certificate a friendly name and name it in New-OfficeWebAppsFarm or Set-OfficeWebAppsFarm -CertificateName; put it on every machine of the farm.",
    },
  ];
  wildcardNote(wildcards, notes);
  return { cn: farm.fqdn, cnRules: ["OWAS-NAME-IN-CERT"], san: new SanSet().add(farm.fqdn, "OWAS-NAME-IN-CERT"), notes };
}
