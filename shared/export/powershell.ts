import type { CertificatePlan } from "../planner/plan-types";
import { psComment, psLiteral } from "./script-quoting";

export interface PowerShellParams {
  plan: CertificatePlan;
  thumbprint: string;
  friendlyName: string;
  pfxFileName: string;
  notAfter: Date;
  requestId: string;
}

/** Hours between the new certificate's EffectiveDate and the old one's expiry (EDGE-AV-ROLL-LEAD, OAUTH-ROLL-LEAD, OAUTH-ROLL-COMBINED). */
export function rollLeadHours(plan: CertificatePlan): number | undefined {
  if (plan.types.includes("OAuthTokenIssuer")) return 24;
  if (plan.types.includes("AudioVideoAuthentication")) return 8;
  return undefined;
}

/**
 * The script an admin runs on the Lync server: import the PFX into the Local Computer store with its chain,
 * then assign it with Set-CsCertificate for exactly the planned -Type values. Safe to run twice: what is
 * already imported or assigned is left alone. Every outside string is a verbatim literal (psLiteral). CRLF.
 */
export function installScript(p: PowerShellParams): string {
  const { plan } = p;
  const lead = rollLeadHours(plan);
  const lines = [
    ...header(p, lead),
    "",
    "$ErrorActionPreference = 'Stop'",
    'trap { Write-Host "LyncCert: stopped, nothing further was changed: $($_.Exception.Message)" -ForegroundColor Red; exit 1 }',
    `$thumbprint = ${psLiteral(p.thumbprint, "thumbprint")}`,
    "",
    "# Ask for the PFX password without showing it or putting it on any command line.",
    "$secure = Read-Host -AsSecureString -Prompt 'PFX password'",
    "",
    ...chainImport(),
    "",
    ...(plan.types.length === 0 ? reverseProxyImport(plan) : lyncImport(plan)),
    "",
    "# Show what is now in use.",
    plan.types.length
      ? `Get-CsCertificate${plan.types.includes("OAuthTokenIssuer") ? " -Identity global" : ""} | Where-Object { $_.Thumbprint -eq $thumbprint } | Format-Table Use, Thumbprint, EffectiveDate, NotAfter`
      : 'Get-Item -LiteralPath "Cert:\\LocalMachine\\My\\$thumbprint" | Format-List Subject, NotAfter, FriendlyName',
    "",
  ];
  return lines.join("\r\n");
}

function header(p: PowerShellParams, lead: number | undefined): string[] {
  const { plan } = p;
  const where =
    plan.role === "edge-external" || plan.role === "edge-internal"
      ? `every Edge Server of ${plan.pool} (EDGE-EXT-SAME-POOL${plan.types.includes("AudioVideoAuthentication") ? ", EDGE-AV-SAME-KEY: the same certificate and key on each" : ""})`
      : plan.role === "oauth-token-issuer"
        ? "one Front End Server (OAUTH-GLOBAL: replication copies it)"
        : plan.types.length === 0
          ? `the reverse proxy serving ${plan.cn}`
          : (plan.server ?? plan.cn);
  return [
    `# LyncCert: install the ${plan.role} certificate ${psComment(p.friendlyName, "friendly name")}`,
    `# Request ${psComment(p.requestId, "request id")}; thumbprint ${p.thumbprint}; expires ${p.notAfter.toISOString()}.`,
    `# Run in an elevated ${plan.types.length ? "Lync Server Management Shell" : "PowerShell"} on ${psComment(where, "server")}. Safe to run again.`,
    ...(lead ? [`# -Roll stages it: it takes effect ${lead} hours before the current certificate expires (${lead === 8 ? "EDGE-AV-ROLL-LEAD" : "OAUTH-ROLL-LEAD"}).`] : []),
    `param(${lead ? "[switch]$Roll, " : ""}[string]$PfxPath = (Join-Path $PSScriptRoot ${psLiteral(p.pfxFileName, "PFX file name")}))`,
  ];
}

/** The issuing CA certificates into the Local Computer stores, so the chain builds (COMMON-MACHINE-STORE). */
function chainImport(): string[] {
  return [
    "# Put the issuing CA certificates of the PFX in the Local Computer stores, so the chain builds (COMMON-MACHINE-STORE).",
    "$password = (New-Object System.Net.NetworkCredential('', $secure)).Password",
    "$bundle = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection",
    "$bundle.Import($PfxPath, $password, [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet')",
    "foreach ($ca in @($bundle | Where-Object { $_.Thumbprint -ne $thumbprint })) {",
    "    $storeName = if ($ca.Subject -eq $ca.Issuer) { 'Root' } else { 'CA' }",
    "    $store = New-Object System.Security.Cryptography.X509Certificates.X509Store($storeName, 'LocalMachine')",
    "    $store.Open('ReadWrite'); $store.Add($ca); $store.Close()",
    "}",
  ];
}

/** Why the key lands in a CryptoAPI provider whichever import runs (README "On the Windows server"). */
const PROVIDER_COMMENT = [
  "# The PFX names its key's provider (attribute 1.3.6.1.4.1.311.17.1): Microsoft RSA SChannel Cryptographic Provider for RSA keys.",
  "# PFXImportCertStore keeps a key in the provider the file names, even when the caller prefers CNG",
  "# (learn.microsoft.com, PFXImportCertStore, PKCS12_PREFER_CNG_KSP): Lync Server 2013 uses only CryptoAPI keys.",
];

function lyncImport(plan: CertificatePlan): string[] {
  const exportable = plan.exportableRules.some((r) => r !== "COMMON-EXPORT-IF-MOVED");
  const lines = [
    ...PROVIDER_COMMENT,
    "",
    "# Lync keeps a current and a previous certificate per usage (C-SET): compare with the one in effect, never with this one.",
    "function Test-Assigned([string]$Type, [hashtable]$Scope) {",
    "    @(Get-CsCertificate -Type $Type @Scope | Where-Object { $_.Thumbprint -eq $thumbprint }).Count -gt 0",
    "}",
    ...(rollLeadHours(plan)
      ? [
          "function Get-RollDate([string]$Type, [int]$LeadHours, [hashtable]$Scope) {",
          "    if (-not $Roll) { return $null }",
          "    $current = @(Get-CsCertificate -Type $Type @Scope | Sort-Object NotAfter -Descending) | Select-Object -First 1",
          "    if ($null -ne $current -and $current.NotAfter.AddHours(-$LeadHours) -gt (Get-Date)) { return $current.NotAfter.AddHours(-$LeadHours) }",
          '    Write-Host "$Type has no current certificate that expires more than $LeadHours hours from now: assigned at once."',
          "    return $null",
          "}",
        ]
      : []),
    "",
  ];
  const local = plan.types.filter((t) => t !== "OAuthTokenIssuer");
  if (local.length) {
    lines.push(
      `if (Test-Path -LiteralPath "Cert:\\LocalMachine\\My\\$thumbprint") {`,
      "    Write-Host 'The certificate is already in Local Computer\\Personal; not imported again.'",
      "} else {",
      `    # Into Local Computer\\Personal${exportable ? ", key exportable (the role requires it)" : ""}.`,
      `    Import-CsCertificate -Path $PfxPath -Password $password -PrivateKeyExportable $${exportable ? "true" : "false"}`,
      "}",
      "",
      "# Assign it to exactly the usages it was planned for, in one call as the documentation does (C-SET).",
    );
    const direct = local.filter((t) => t !== "AudioVideoAuthentication");
    if (direct.length) {
      lines.push(
        `$pending = @(${direct.map((t) => `'${t}'`).join(", ")} | Where-Object { -not (Test-Assigned $_ @{}) })`,
        "if ($pending.Count -gt 0) { Set-CsCertificate -Type $pending -Thumbprint $thumbprint } else { Write-Host 'Every usage already uses this certificate.' }",
      );
    }
    if (local.includes("AudioVideoAuthentication")) {
      lines.push(
        "# A/V Authentication: -Roll stages it 8 hours before the current one expires (EDGE-AV-ROLL-LEAD); in a pool, import it on every member before the first EffectiveDate (EDGE-AV-ROLL-POOL).",
        "if (Test-Assigned AudioVideoAuthentication @{}) { Write-Host 'AudioVideoAuthentication already uses this certificate.' }",
        "elseif ($effective = Get-RollDate AudioVideoAuthentication 8 @{}) { Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint -Roll -EffectiveDate $effective }",
        "else { Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint }",
      );
    }
  }
  if (plan.types.includes("OAuthTokenIssuer")) {
    lines.push(
      "# OAuthTokenIssuer: imported and assigned once at global scope (OAUTH-GLOBAL), replication copies it to every Front End;",
      "# -Roll stages it 24 hours before the current one expires (OAUTH-ROLL-LEAD).",
      "$globalScope = @{ Identity = 'global' }",
      "if (Test-Assigned OAuthTokenIssuer $globalScope) { Write-Host 'OAuthTokenIssuer already uses this certificate.' }",
      "elseif ($effective = Get-RollDate OAuthTokenIssuer 24 $globalScope) { Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $PfxPath -Password $password -Roll -EffectiveDate $effective }",
      "else { Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $PfxPath -Password $password }",
    );
  }
  return lines;
}

function reverseProxyImport(plan: CertificatePlan): string[] {
  const exportable = plan.exportableRules.some((r) => r !== "COMMON-EXPORT-IF-MOVED");
  return [
    "# The reverse proxy is not a Lync server: import into Local Computer\\Personal with .NET, which takes the",
    "# password as a SecureString (never on a command line, never mangled by quoting).",
    ...PROVIDER_COMMENT,
    `if (Test-Path -LiteralPath "Cert:\\LocalMachine\\My\\$thumbprint") {`,
    "    Write-Host 'The certificate is already in Local Computer\\Personal; not imported again.'",
    "} else {",
    `    $keyFlags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet, PersistKeySet${exportable ? ", Exportable" : ""}'`,
    "    $certificate = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($PfxPath, $secure, $keyFlags)",
    "    $store = New-Object System.Security.Cryptography.X509Certificates.X509Store('My', 'LocalMachine')",
    "    $store.Open('ReadWrite'); $store.Add($certificate); $store.Close()",
    "}",
    "# Then bind the certificate with this thumbprint to the HTTPS listener of IIS ARR, Web Application Proxy or TMG.",
  ];
}
