import { certificateSection, rollLeadHours, scriptFunctions, type ScriptCertificate } from "./powershell-sections";
import { psComment, psLiteral } from "./script-quoting";

export { rollLeadHours, type ScriptCertificate, type ScriptIssuer } from "./powershell-sections";
export type PowerShellParams = ScriptCertificate;

/** The script of a deployment kit: every certificate of one server, and what the kit lacks. */
export interface KitScriptParams {
  server: string;
  kind: "lync" | "reverse-proxy";
  /** In the order they are installed. */
  certificates: readonly ScriptCertificate[];
  /** Certificates the server needs that are not in the kit, each with why (printed as warnings). */
  missing: readonly string[];
}

/**
 * The script an admin runs on the Lync server for one exported PFX: import it into the Local Computer store
 * with its chain, then assign it with Set-CsCertificate for exactly the planned -Type values. CRLF.
 */
export function installScript(c: ScriptCertificate): string {
  return script({
    title: `install the ${c.plan.role} certificate ${psComment(c.friendlyName, "friendly name")}`,
    where: whereToRun(c),
    shell: c.plan.types.length ? "Lync Server Management Shell" : "PowerShell",
    pathParam: `[string]$PfxPath = (Join-Path $PSScriptRoot ${psLiteral(c.pfxFileName, "PFX file name")})`,
    certificates: [{ certificate: c, pfx: "$PfxPath" }],
    missing: [],
  });
}

/** The kit's script: imports and assigns all of a server's certificates in order, one password for all its PFX files. */
export function kitScript(k: KitScriptParams): string {
  return script({
    title: `deployment kit for ${k.kind === "reverse-proxy" ? "the reverse proxy" : psComment(k.server, "server")}: ${k.certificates.length} certificate(s)`,
    where: k.kind === "reverse-proxy" ? "the reverse proxy (every member of its array)" : k.server,
    shell: k.kind === "lync" ? "Lync Server Management Shell" : "PowerShell",
    pathParam: "[string]$KitPath = $PSScriptRoot",
    certificates: k.certificates.map((c) => ({ certificate: c, pfx: `(Join-Path $KitPath ${psLiteral(c.pfxFileName, "PFX file name")})` })),
    missing: k.missing,
  });
}

interface ScriptFrame {
  title: string;
  where: string;
  shell: string;
  pathParam: string;
  certificates: readonly { certificate: ScriptCertificate; pfx: string }[];
  missing: readonly string[];
}

/** Safe to run twice (what is imported or assigned is left alone); -WhatIf reports every change and makes none. */
function script(f: ScriptFrame): string {
  const certs = f.certificates.map((c) => c.certificate);
  const roll = certs.some((c) => rollLeadHours(c.plan));
  const several = certs.length > 1;
  const lines = [
    `# LyncCert: ${f.title}`,
    ...certs.map(
      (c) =>
        `# ${several ? `${c.plan.role} ${psComment(c.friendlyName, "friendly name")}: r` : "R"}equest ${psComment(c.requestId, "request id")}; thumbprint ${c.thumbprint}; expires ${c.notAfter.toISOString()}.`,
    ),
    `# Run in an elevated ${f.shell} on ${psComment(f.where, "server")}. Safe to run again; -WhatIf shows what it would change and changes nothing.`,
    ...certs.flatMap((c) => {
      const lead = rollLeadHours(c.plan);
      return lead
        ? [
            `# -Roll stages ${several ? `the ${c.plan.role} certificate` : "it"}: it takes effect ${lead} hours before the current certificate expires (${lead === 8 ? "EDGE-AV-ROLL-LEAD" : "OAUTH-ROLL-LEAD"}).`,
          ]
        : [];
    }),
    "[CmdletBinding(SupportsShouldProcess=$true)]",
    `param(${roll ? "[switch]$Roll, " : ""}${f.pathParam})`,
    "",
    "$ErrorActionPreference = 'Stop'",
    'trap { Write-Host "LyncCert: stopped, nothing further was changed: $($_.Exception.Message)" -ForegroundColor Red; exit 1 }',
    ...f.missing.map((m) => `Write-Warning ${psLiteral(`Not in this kit: ${m}`, "missing certificate")}`),
    "",
    "# Ask for the PFX password without showing it or putting it on any command line.",
    "$secure = Read-Host -AsSecureString -Prompt 'PFX password'",
    "$password = (New-Object System.Net.NetworkCredential('', $secure)).Password",
    "",
    ...scriptFunctions(certs),
    ...f.certificates.flatMap(({ certificate, pfx }, i) => [
      "",
      ...(several ? [`# ${i + 1} of ${certs.length}: ${certificate.plan.role}${certificate.plan.types.length ? ` (${certificate.plan.types.join(", ")})` : ""}`] : []),
      ...certificateSection(certificate, pfx),
    ]),
    "",
    "# Show what is now in use.",
    ...inUse(certs),
    "",
  ];
  return lines.join("\r\n");
}

function inUse(certs: readonly ScriptCertificate[]): string[] {
  const list = `@(${certs.map((c) => psLiteral(c.thumbprint, "thumbprint")).join(", ")})`;
  const local = certs.filter((c) => c.plan.types.some((t) => t !== "OAuthTokenIssuer"));
  return [
    ...(local.length ? [`Get-CsCertificate | Where-Object { ${list} -contains $_.Thumbprint } | Format-Table Use, Thumbprint, EffectiveDate, NotAfter`] : []),
    ...(certs.some((c) => c.plan.types.includes("OAuthTokenIssuer"))
      ? [`Get-CsCertificate -Identity global | Where-Object { ${list} -contains $_.Thumbprint } | Format-Table Use, Thumbprint, EffectiveDate, NotAfter`]
      : []),
    ...(certs.some((c) => c.plan.types.length === 0)
      ? [`Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object { ${list} -contains $_.Thumbprint } | Format-List Subject, NotAfter, FriendlyName`]
      : []),
  ];
}

function whereToRun(c: ScriptCertificate): string {
  const { plan } = c;
  if (plan.role === "edge-external" || plan.role === "edge-internal")
    return `every Edge Server of ${plan.pool} (EDGE-EXT-SAME-POOL${plan.types.includes("AudioVideoAuthentication") ? ", EDGE-AV-SAME-KEY: the same certificate and key on each" : ""})`;
  if (plan.role === "oauth-token-issuer") return "one Front End Server (OAUTH-GLOBAL: replication copies it)";
  if (plan.types.length === 0) return `the reverse proxy serving ${plan.cn}`;
  return plan.server ?? plan.cn;
}
