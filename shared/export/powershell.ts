import { certificateSection, rollLeadHours, scriptFunctions, type ScriptCertificate } from "./powershell-sections";
import type { KitKind } from "../kit/kit-plan";
import { KIT_SCRIPT_NAME } from "../kit/kit-readme";
import { psComment, psLiteral } from "./script-quoting";

export { chainFileName, rollLeadHours, type ScriptCertificate, type ScriptIssuer } from "./powershell-sections";
export type PowerShellParams = ScriptCertificate;

/** The script of a deployment kit: every certificate of one server, and what the kit lacks. */
export interface KitScriptParams {
  server: string;
  kind: KitKind;
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
    lync: c.plan.types.length > 0,
    folder: { parameter: "PfxPath", file: c.pfxFileName },
    scriptName: "<this script>.ps1",
    certificates: [c],
    missing: [],
  });
}

/** The kit's script: imports and assigns all of a server's certificates in order, one password for all its PFX files. */
export function kitScript(k: KitScriptParams): string {
  return script({
    title: `deployment kit for ${k.kind === "reverse-proxy" ? "the reverse proxy" : psComment(k.server, "server")}: ${k.certificates.length} certificate(s)`,
    where:
      k.kind === "reverse-proxy"
        ? "the reverse proxy (every member of its array)"
        : k.kind === "office-web-apps"
          ? `every machine of the Office Web Apps farm ${psComment(k.server, "server")}`
          : k.server,
    lync: k.kind === "lync",
    folder: { parameter: "KitPath", file: undefined },
    scriptName: KIT_SCRIPT_NAME,
    certificates: k.certificates,
    missing: k.missing,
  });
}

interface ScriptFrame {
  title: string;
  where: string;
  /** Lync cmdlets are used: Lync Server 2013 needs PowerShell 3.0. The reverse proxy's also runs on 2.0 (TMG on 2008 R2). */
  lync: boolean;
  /** -KitPath (a folder) or -PfxPath (the PFX itself, its chain file beside it); either defaults to the script's folder. */
  folder: { parameter: "KitPath" | "PfxPath"; file: string | undefined };
  /** The script's own file name where it is fixed (kits), for the how-to-run lines. */
  scriptName: string;
  certificates: readonly ScriptCertificate[];
  missing: readonly string[];
}

/**
 * How the script finds its folder, in the body: under powershell.exe -File, Windows PowerShell leaves $PSScriptRoot
 * empty while an advanced script's param() defaults are bound (PowerShell/PowerShell#4688), and PowerShell 2.0 sets it
 * only in modules (about_Automatic_Variables); $MyInvocation.MyCommand.Path is the script's path in every version. The
 * path is made absolute from the PowerShell location (SessionState.Path.GetUnresolvedProviderPathFromPSPath): .NET
 * methods resolve a relative path against the process folder instead.
 */
function folderLines(f: ScriptFrame["folder"]): string[] {
  const given = `$${f.parameter}`;
  return [
    "$here = $PSScriptRoot",
    "if (-not $here -and $MyInvocation.MyCommand.Path) { $here = Split-Path -Parent $MyInvocation.MyCommand.Path }",
    `if (-not ${given}) {`,
    `    if (-not $here) { throw 'cannot tell which folder this script is in: give -${f.parameter} with the full path' }`,
    `    ${given} = ${f.file ? `Join-Path $here ${psLiteral(f.file, "PFX file name")}` : "$here"}`,
    "}",
    `${given} = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath(${given})`,
    ...(f.file ? ["$files = Split-Path -Parent $PfxPath"] : ["$files = $KitPath"]),
  ];
}

/**
 * Run as an admin runs it, however it is started (about_Execution_Policies, Set-ExecutionPolicy): Restricted, the default
 * on Windows Server 2008 R2 and 2012, runs no script; RemoteSigned refuses one marked as downloaded until it is unblocked
 * (Unblock-File needs PowerShell 3.0); AllSigned set by Group Policy overrides -ExecutionPolicy and Set-ExecutionPolicy.
 */
const howToRun = (name: string) => [
  `# How to run it, elevated: from its folder, .\\${name} -WhatIf, then .\\${name}; or from cmd, a scheduled task or a deployment`,
  `# tool: powershell.exe -NoProfile -ExecutionPolicy Bypass -File "<folder>\\${name}". Execution policy: where it is Restricted`,
  "# (the default on Windows Server 2008 R2 and 2012), first Set-ExecutionPolicy -Scope Process -ExecutionPolicy RemoteSigned (this",
  "# window only); RemoteSigned refuses a script marked as downloaded: Unblock-File (PowerShell 3.0 and later) or Properties, Unblock;",
  "# AllSigned set by Group Policy overrides both: sign it with Set-AuthenticodeSignature and a code-signing certificate the server trusts.",
];

/** Safe to run twice (what is imported or assigned is left alone); -WhatIf reports every change and makes none. */
function script(f: ScriptFrame): string {
  const certs = f.certificates;
  const roll = certs.some((c) => rollLeadHours(c.plan));
  const several = certs.length > 1;
  const shell = f.lync ? "Lync Server Management Shell (or Windows PowerShell)" : "Windows PowerShell";
  const lines = [
    `#Requires -Version ${f.lync ? "3.0" : "2.0"}`,
    `# LyncCert: ${f.title}`,
    ...certs.map(
      (c) =>
        `# ${several ? `${c.plan.role} ${psComment(c.friendlyName, "friendly name")}: r` : "R"}equest ${psComment(c.requestId, "request id")}; thumbprint ${c.thumbprint}; expires ${c.notAfter.toISOString()}.`,
    ),
    `# Run in an elevated ${shell} on ${psComment(f.where, "server")}. Safe to run again; -WhatIf shows what it would change and changes nothing.`,
    ...howToRun(f.scriptName),
    ...certs.flatMap((c) => {
      const lead = rollLeadHours(c.plan);
      return lead
        ? [
            `# -Roll stages ${several ? `the ${c.plan.role} certificate` : "it"}: it takes effect ${lead} hours before the current certificate expires (${lead === 8 ? "EDGE-AV-ROLL-LEAD" : "OAUTH-ROLL-LEAD"}).`,
          ]
        : [];
    }),
    "[CmdletBinding(SupportsShouldProcess=$true)]",
    `param(${roll ? "[switch]$Roll, " : ""}[string]$${f.folder.parameter})`,
    "",
    "$ErrorActionPreference = 'Stop'",
    "$changed = New-Object System.Collections.ArrayList",
    "trap {",
    "    $done = if ($changed.Count) { \"done before it stopped: $($changed -join '; ')\" } else { 'nothing was changed' }",
    '    Write-Host "LyncCert: stopped: $($_.Exception.Message); $done" -ForegroundColor Red',
    "    exit 1",
    "}",
    ...f.missing.map((m) => `Write-Warning ${psLiteral(`Not in this kit: ${m}`, "missing certificate")}`),
    "",
    ...folderLines(f.folder),
    ...(f.lync
      ? [
          "",
          "# Started with -File or by a deployment tool, the Lync cmdlets are not loaded as in the Management Shell.",
          "if (-not (Get-Command Set-CsCertificate -ErrorAction SilentlyContinue)) {",
          "    Import-Module SkypeForBusiness -ErrorAction SilentlyContinue",
          "    if (-not (Get-Command Set-CsCertificate -ErrorAction SilentlyContinue)) { Import-Module Lync }",
          "}",
        ]
      : []),
    "",
    "# Ask for the PFX password without showing it or putting it on any command line; read back through a BSTR,",
    "# which every .NET version has (NetworkCredential's SecureString constructor needs .NET 4).",
    "$secure = Read-Host -AsSecureString -Prompt 'PFX password'",
    "$bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure)",
    "try { $password = [System.Runtime.InteropServices.Marshal]::PtrToStringBSTR($bstr) } finally { [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr) }",
    "",
    ...scriptFunctions(certs),
    ...certs.flatMap((certificate, i) => [
      "",
      ...(several ? [`# ${i + 1} of ${certs.length}: ${certificate.plan.role}${certificate.plan.types.length ? ` (${certificate.plan.types.join(", ")})` : ""}`] : []),
      ...certificateSection(certificate, f.folder.file ? "$PfxPath" : `(Join-Path $files ${psLiteral(certificate.pfxFileName, "PFX file name")})`, "$files"),
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
    ...(local.length ? [`Get-CsCertificate | Where-Object { ${list} -contains $_.Thumbprint } | Format-Table 'Use', 'Thumbprint', 'EffectiveDate', 'NotAfter'`] : []),
    ...(certs.some((c) => c.plan.types.includes("OAuthTokenIssuer"))
      ? [`Get-CsCertificate -Identity global | Where-Object { ${list} -contains $_.Thumbprint } | Format-Table 'Use', 'Thumbprint', 'EffectiveDate', 'NotAfter'`]
      : []),
    ...(certs.some((c) => c.plan.types.length === 0)
      ? [`Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object { ${list} -contains $_.Thumbprint } | Format-List 'Subject', 'NotAfter', 'FriendlyName'`]
      : []),
  ];
}

function whereToRun(c: ScriptCertificate): string {
  const { plan } = c;
  if (plan.role === "edge-external" || plan.role === "edge-internal")
    return `every Edge Server of ${plan.pool} (EDGE-EXT-SAME-POOL${plan.types.includes("AudioVideoAuthentication") ? ", EDGE-AV-SAME-KEY: the same certificate and key on each" : ""})`;
  if (plan.role === "oauth-token-issuer") return "one Front End Server (OAUTH-GLOBAL: replication copies it)";
  if (plan.role === "office-web-apps") return `every machine of the Office Web Apps farm ${plan.cn}`;
  if (plan.types.length === 0) return `the reverse proxy serving ${plan.cn}`;
  return plan.server ?? plan.cn;
}
