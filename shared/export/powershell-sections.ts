import type { CertificatePlan } from "../planner/plan-types";
import { psComment, psLiteral } from "./script-quoting";

/** A CA certificate on the leaf's verified path: the script installs these, by thumbprint, and nothing else. */
export interface ScriptIssuer {
  thumbprint: string;
  subject: string;
  /** Self-signed: into Trusted Root Certification Authorities; otherwise Intermediate Certification Authorities. */
  root: boolean;
}

/** One certificate a script installs: its plan, what identifies it, where its PFX is, and the issuers it brings. */
export interface ScriptCertificate {
  plan: CertificatePlan;
  thumbprint: string;
  friendlyName: string;
  pfxFileName: string;
  notAfter: Date;
  requestId: string;
  issuers: readonly ScriptIssuer[];
  /** An ECDSA key: the PFX names a CNG key storage provider for it (LC-ECDSA-CNG). */
  ecdsa?: boolean;
}

/** The chain file beside a PFX: its CA certificates as PKCS#7, read by the script without loading the private key. */
export function chainFileName(pfxFileName: string): string {
  return `${pfxFileName.replace(/\.pfx$/i, "")}.chain.p7b`;
}

/** Hours between the new certificate's EffectiveDate and the old one's expiry (EDGE-AV-ROLL-LEAD, OAUTH-ROLL-LEAD, OAUTH-ROLL-COMBINED). */
export function rollLeadHours(plan: CertificatePlan): number | undefined {
  if (plan.types.includes("OAuthTokenIssuer")) return 24;
  if (plan.types.includes("AudioVideoAuthentication")) return 8;
  return undefined;
}

/**
 * Every change goes through ShouldProcess (the script declares SupportsShouldProcess): under -WhatIf it
 * reports the change and makes none (learn.microsoft.com, PSScriptAnalyzer rule ShouldProcess;
 * CmdletAttribute.SupportsShouldProcess: "If the ShouldProcess call returns false, the action should not be taken").
 * Each change made is noted in $changed, so a run that stops half-way says what it did.
 */
function guarded(target: string, action: string, command: string): string {
  const words = psLiteral(action, "action");
  return `if ($PSCmdlet.ShouldProcess(${target}, ${words})) { ${command}; [void]$changed.Add(${words}) }`;
}

const ISSUER_CHAIN_FUNCTION = [
  "# Put the issuing CA certificates in the Local Computer stores, so the chain builds (COMMON-MACHINE-STORE): only",
  "# those named here by thumbprint, each into the store named beside it. They are read from the chain file, which",
  "# holds certificates only (PKCS#7; X509Certificate2Collection.Import reads it): opening the PFX for them would load",
  "# its private key, which a default PFX load writes to a key file on disk, even under -WhatIf.",
  "function Import-IssuerChain {",
  "    [CmdletBinding(SupportsShouldProcess=$true)]",
  "    param([string]$Chain, [hashtable]$Issuers)",
  "    $bundle = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection",
  "    $bundle.Import($Chain)",
  "    foreach ($wanted in @($Issuers.Keys)) {",
  '        if (-not @($bundle | Where-Object { $_.Thumbprint -eq $wanted }).Count) { Write-Warning "$Chain does not hold the CA certificate $wanted; it was not installed" }',
  "    }",
  "    foreach ($ca in @($bundle | Where-Object { $Issuers.ContainsKey($_.Thumbprint) })) {",
  "        $storeName = $Issuers[$ca.Thumbprint]",
  '        if (Test-Path -LiteralPath "Cert:\\LocalMachine\\$storeName\\$($ca.Thumbprint)") { continue }',
  '        if ($PSCmdlet.ShouldProcess("Local Computer\\$storeName", "Add the CA certificate $($ca.Subject)")) {',
  "            $store = New-Object System.Security.Cryptography.X509Certificates.X509Store($storeName, 'LocalMachine')",
  "            $store.Open('ReadWrite'); $store.Add($ca); $store.Close()",
  '            [void]$changed.Add("added the CA certificate $($ca.Subject) to Local Computer\\$storeName")',
  "        }",
  "    }",
  "}",
  "",
];

/** The helper functions a script's certificates need, once per script. */
export function scriptFunctions(certificates: readonly ScriptCertificate[]): string[] {
  const lync = certificates.some((c) => c.plan.types.length > 0);
  return [
    ...(certificates.some((c) => c.issuers.length) ? ISSUER_CHAIN_FUNCTION : []),
    "# The PFX names its key's provider (attribute 1.3.6.1.4.1.311.17.1): Microsoft RSA SChannel Cryptographic Provider for RSA keys.",
    "# PFXImportCertStore keeps a key in the provider the file names, even when the caller prefers CNG",
    "# (learn.microsoft.com, PFXImportCertStore, PKCS12_PREFER_CNG_KSP): Lync Server 2013 uses only CryptoAPI keys.",
    ...certificates
      .filter((c) => c.ecdsa)
      .map(
        (c) =>
          `# ${c.plan.role} has an ECDSA key, which goes to Microsoft Software Key Storage Provider (CNG): Skype for Business Server 2015 and later only, never Lync Server 2013 (LC-ECDSA-CNG).`,
      ),
    ...(lync
      ? [
          "",
          "# Lync keeps a current and a previous certificate per usage (C-SET): compare with the one in effect, never with this one.",
          "function Test-Assigned([string]$Type, [hashtable]$Scope) {",
          "    @(Get-CsCertificate -Type $Type @Scope | Where-Object { $_.Thumbprint -eq $thumbprint }).Count -gt 0",
          "}",
        ]
      : []),
    ...(certificates.some((c) => rollLeadHours(c.plan))
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
  ];
}

/**
 * Imports one certificate with its chain and assigns it; `pfx` is the PowerShell expression of the PFX's absolute
 * path, `folder` the variable of the absolute folder its chain file is in.
 */
export function certificateSection(c: ScriptCertificate, pfx: string, folder: string): string[] {
  return [
    `$thumbprint = ${psLiteral(c.thumbprint, "thumbprint")}`,
    `$pfx = ${pfx}`,
    ...(c.issuers.length
      ? [
          ...c.issuers.map((i) => `# ${i.root ? "Root" : "CA"} ${i.thumbprint}: ${psComment(i.subject, "issuer subject")}`),
          `Import-IssuerChain (Join-Path ${folder} ${psLiteral(chainFileName(c.pfxFileName), "chain file name")}) @{${c.issuers
            .map((i) => ` ${psLiteral(i.thumbprint, "thumbprint")} = '${i.root ? "Root" : "CA"}'`)
            .join(";")} }`,
        ]
      : []),
    "",
    ...(c.plan.types.length > 0
      ? lyncImport(c.plan)
      : c.plan.role === "office-web-apps"
        ? officeWebAppsImport(c)
        : [...personalImport(c.plan, "the reverse proxy certificate"), ...REVERSE_PROXY_BINDING]),
  ];
}

const ALREADY_IN_PERSONAL = [
  `if (Test-Path -LiteralPath "Cert:\\LocalMachine\\My\\$thumbprint") {`,
  "    Write-Host 'The certificate is already in Local Computer\\Personal; not imported again.'",
];

function lyncImport(plan: CertificatePlan): string[] {
  const lines: string[] = [];
  const local = plan.types.filter((t) => t !== "OAuthTokenIssuer");
  if (local.length) {
    lines.push(
      ...ALREADY_IN_PERSONAL,
      "} else {",
      '    # Into Local Computer\\Personal. -PrivateKeyExportable $true "ensures that the private key portion of the certificate',
      '    # can be read by the Network Service account" (learn.microsoft.com, Import-CsCertificate), which the Lync services run as:',
      "    # every role needs it, whatever the name suggests.",
      `    ${guarded("'Local Computer\\Personal'", "Import-CsCertificate", "Import-CsCertificate -Path $pfx -Password $password -PrivateKeyExportable $true")}`,
      "}",
      "",
      "# Assign it to exactly the usages it was planned for, in one call as the documentation does (C-SET).",
    );
    const direct = local.filter((t) => t !== "AudioVideoAuthentication");
    if (direct.length) {
      lines.push(
        `$pending = @(${direct.map((t) => `'${t}'`).join(", ")} | Where-Object { -not (Test-Assigned $_ @{}) })`,
        "if ($pending.Count -eq 0) { Write-Host 'Every usage already uses this certificate.' }",
        `else { ${guarded("$thumbprint", `Set-CsCertificate -Type ${direct.join(",")}`, "Set-CsCertificate -Type $pending -Thumbprint $thumbprint")} }`,
      );
    }
    if (local.includes("AudioVideoAuthentication")) {
      lines.push(
        "# A/V Authentication: -Roll stages it 8 hours before the current one expires (EDGE-AV-ROLL-LEAD); in a pool, import it on every member before the first EffectiveDate (EDGE-AV-ROLL-POOL).",
        "if (Test-Assigned AudioVideoAuthentication @{}) { Write-Host 'AudioVideoAuthentication already uses this certificate.' }",
        `elseif ($effective = Get-RollDate AudioVideoAuthentication 8 @{}) { ${guarded("$thumbprint", "Set-CsCertificate -Type AudioVideoAuthentication -Roll", "Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint -Roll -EffectiveDate $effective")} }`,
        `else { ${guarded("$thumbprint", "Set-CsCertificate -Type AudioVideoAuthentication", "Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint")} }`,
      );
    }
  }
  if (plan.types.includes("OAuthTokenIssuer")) {
    lines.push(
      "# OAuthTokenIssuer: imported and assigned once at global scope (OAUTH-GLOBAL), replication copies it to every Front End;",
      "# -Roll stages it 24 hours before the current one expires (OAUTH-ROLL-LEAD).",
      "$globalScope = @{ Identity = 'global' }",
      "if (Test-Assigned OAuthTokenIssuer $globalScope) { Write-Host 'OAuthTokenIssuer already uses this certificate.' }",
      `elseif ($effective = Get-RollDate OAuthTokenIssuer 24 $globalScope) { ${guarded("'global'", "Import-CsCertificate -Type OAuthTokenIssuer -Roll", "Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $pfx -Password $password -Roll -EffectiveDate $effective")} }`,
      `else { ${guarded("'global'", "Import-CsCertificate -Type OAuthTokenIssuer", "Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $pfx -Password $password")} }`,
    );
  }
  return lines;
}

/**
 * The reverse proxy is not a Lync server. Import-PfxCertificate (PKI module, Windows Server 2012 and later;
 * learn.microsoft.com, Import-PfxCertificate: -Password is a SecureString) where it exists; Windows Server
 * 2008 R2, where Forefront TMG 2010 runs, has no PKI module, so .NET imports there, with the SecureString too.
 */
function personalImport(plan: CertificatePlan, what: string): string[] {
  const exportable = plan.exportableRules.some((r) => r !== "COMMON-EXPORT-IF-MOVED");
  return [
    ...ALREADY_IN_PERSONAL,
    `} elseif ($PSCmdlet.ShouldProcess('Local Computer\\Personal', ${psLiteral(`Import ${what}`, "action")})) {`,
    "    if (Get-Command Import-PfxCertificate -ErrorAction SilentlyContinue) {",
    "        # Import-PfxCertificate also puts the PFX's CA certificates in Personal; they do no harm there.",
    `        $null = Import-PfxCertificate -FilePath $pfx -CertStoreLocation 'Cert:\\LocalMachine\\My' -Password $secure${exportable ? " -Exportable" : ""}`,
    "    } else {",
    `        $keyFlags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet, PersistKeySet${exportable ? ", Exportable" : ""}'`,
    "        $certificate = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($pfx, $secure, $keyFlags)",
    "        $store = New-Object System.Security.Cryptography.X509Certificates.X509Store('My', 'LocalMachine')",
    "        $store.Open('ReadWrite'); $store.Add($certificate); $store.Close()",
    "    }",
    `    [void]$changed.Add(${psLiteral(`imported ${what} into Local Computer\\Personal`, "action")})`,
    "}",
  ];
}

const REVERSE_PROXY_BINDING = [
  "# Then bind the certificate with this thumbprint to the HTTPS listener: IIS ARR, the 443 binding of the site that",
  "# publishes Lync (IIS Manager, Bindings); Forefront TMG 2010, the web listener's Certificates tab, on every array",
  "# member; Web Application Proxy, -ExternalCertificateThumbprint of Add-WebApplicationProxyApplication.",
];

/**
 * The farm finds its certificate by friendly name: -CertificateName "specifies the friendly name of the certificate
 * that Office Web Apps Server uses to create HTTPS bindings" (learn.microsoft.com, New-OfficeWebAppsFarm and
 * Set-OfficeWebAppsFarm). On a machine already in a farm the name is set; on a new one the command is printed.
 */
function officeWebAppsImport(c: ScriptCertificate): string[] {
  const name = psLiteral(c.friendlyName, "friendly name");
  return [
    ...personalImport(c.plan, "the Office Web Apps Server certificate"),
    "# Every machine of the farm needs it in Local Computer\\Personal; the farm uses it by its friendly name.",
    "if (Get-Command Get-OfficeWebAppsFarm -ErrorAction SilentlyContinue) {",
    "    $farm = Get-OfficeWebAppsFarm -ErrorAction SilentlyContinue",
    `    if ($null -eq $farm) { Write-Host ${psLiteral(`No farm on this machine yet: New-OfficeWebAppsFarm -InternalURL https://${c.plan.cn} -CertificateName '${c.friendlyName.replace(/'/g, "''")}'`, "farm command")} }`,
    `    elseif ($farm.CertificateName -eq ${name}) { Write-Host 'The farm already uses this certificate.' }`,
    `    else { ${guarded("'the Office Web Apps farm'", "Set-OfficeWebAppsFarm -CertificateName", `Set-OfficeWebAppsFarm -CertificateName ${name}`)} }`,
    "} else {",
    "    Write-Warning 'The OfficeWebApps module is not on this machine: run this script on a machine of the farm.'",
    "}",
  ];
}
