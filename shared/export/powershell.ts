import type { CertificatePlan } from "../planner/plan-types";

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

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The script an admin runs on the Lync server: import the PFX into the Local Computer store with its chain,
 * then assign it with Set-CsCertificate for exactly the planned -Type values. CRLF, as Windows expects.
 */
export function installScript(p: PowerShellParams): string {
  const { plan } = p;
  const lead = rollLeadHours(plan);
  const exportable = plan.exportableRules.some((r) => r !== "COMMON-EXPORT-IF-MOVED");
  const isOAuth = plan.types.includes("OAuthTokenIssuer");
  const where = plan.role === "edge-external" || plan.role === "edge-internal" ? `every Edge Server of ${plan.pool} (EDGE-EXT-SAME-POOL)` : plan.role === "oauth-token-issuer" ? "one Front End Server (OAUTH-GLOBAL: replication copies it)" : (plan.server ?? plan.cn);
  const lines = [
    `# LyncCert: install the ${plan.role} certificate ${q(p.friendlyName)}`,
    `# Request ${p.requestId}; thumbprint ${p.thumbprint}; expires ${p.notAfter.toISOString()}.`,
    `# Run in an elevated Lync Server Management Shell on ${where}.`,
    ...(lead ? [`# -Roll stages it: it takes effect ${lead} hours before the current certificate expires (${lead === 8 ? "EDGE-AV-ROLL-LEAD" : "OAUTH-ROLL-LEAD"}).`] : []),
    `param(${lead ? "[switch]$Roll, " : ""}[string]$PfxPath = (Join-Path $PSScriptRoot ${q(p.pfxFileName)}))`,
    "",
    "$ErrorActionPreference = 'Stop'",
    `$thumbprint = ${q(p.thumbprint)}`,
    "",
    "# Ask for the PFX password without showing it; Import-CsCertificate takes it as plain text.",
    "$secure = Read-Host -AsSecureString -Prompt 'PFX password'",
    "$password = (New-Object System.Net.NetworkCredential('', $secure)).Password",
    "",
    "# Put the issuing CA certificates of the PFX in the Local Computer stores, so the chain builds (COMMON-MACHINE-STORE).",
    "$flags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet'",
    "$bundle = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection",
    "$bundle.Import($PfxPath, $password, $flags)",
    "foreach ($ca in @($bundle | Where-Object { $_.Thumbprint -ne $thumbprint })) {",
    "    $storeName = if ($ca.Subject -eq $ca.Issuer) { 'Root' } else { 'CA' }",
    "    $store = New-Object System.Security.Cryptography.X509Certificates.X509Store($storeName, 'LocalMachine')",
    "    $store.Open('ReadWrite'); $store.Add($ca); $store.Close()",
    "}",
    "",
  ];
  if (plan.types.length === 0) {
    lines.push(
      "# The reverse proxy is not a Lync server: import into Local Computer\\Personal, then bind it to the listener.",
      `certutil.exe -f -p $password -importPFX My $PfxPath${exportable ? "" : " NoExport"}`,
      "# Bind the certificate with this thumbprint to the HTTPS listener of IIS ARR, Web Application Proxy or TMG.",
    );
  } else if (isOAuth) {
    lines.push(
      "# Import it once at global scope and assign it as the OAuthTokenIssuer (OAUTH-GLOBAL); replication copies it to every Front End.",
      "if ($Roll) {",
      "    $current = Get-CsCertificate -Type OAuthTokenIssuer",
      "    $effective = $current.NotAfter.AddHours(-24)",
      "    Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $PfxPath -Password $password -Roll -EffectiveDate $effective",
      "} else {",
      "    Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $PfxPath -Password $password",
      "}",
    );
    const rest = plan.types.filter((t) => t !== "OAuthTokenIssuer");
    if (rest.length) lines.push("# Assign the same certificate to its other usages.", `Set-CsCertificate -Type ${rest.join(",")} -Thumbprint $thumbprint`);
  } else {
    lines.push(
      `# Import the certificate and its key into Local Computer\\Personal${exportable ? ", key exportable (the role requires it)" : ""}.`,
      `Import-CsCertificate -Path $PfxPath -Password $password -PrivateKeyExportable $${exportable ? "true" : "false"}`,
      "",
    );
    const staged = plan.types.filter((t) => t === "AudioVideoAuthentication");
    const direct = plan.types.filter((t) => t !== "AudioVideoAuthentication");
    if (direct.length) lines.push(`# Assign it to exactly the usages it was planned for.`, `Set-CsCertificate -Type ${direct.join(",")} -Thumbprint $thumbprint`);
    if (staged.length) {
      lines.push(
        "# A/V Authentication: assign now, or with -Roll stage it 8 hours before the current one expires (EDGE-AV-ROLL-LEAD).",
        "# In a pool, import it on every member before the first EffectiveDate (EDGE-AV-ROLL-POOL).",
        "if ($Roll) {",
        "    $current = Get-CsCertificate -Type AudioVideoAuthentication",
        "    $effective = $current.NotAfter.AddHours(-8)",
        "    Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint -Roll -EffectiveDate $effective",
        "} else {",
        "    Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint",
        "}",
      );
    }
  }
  lines.push("", "# Show what Lync now uses.", plan.types.length ? `Get-CsCertificate | Where-Object { $_.Thumbprint -eq $thumbprint } | Format-Table Use, Thumbprint, NotAfter` : "Get-ChildItem Cert:\\LocalMachine\\My\\$thumbprint | Format-List Subject, NotAfter, FriendlyName", "");
  return lines.join("\r\n");
}
