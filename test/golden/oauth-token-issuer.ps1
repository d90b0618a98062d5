# LyncCert: install the oauth-token-issuer certificate LyncCert oauth-token-issuer
# Request oauth-token-issuer-20261125-abcdef; thumbprint 3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated Lync Server Management Shell on one Front End Server (OAUTH-GLOBAL: replication copies it). Safe to run again; -WhatIf shows what it would change and changes nothing.
# -Roll stages it: it takes effect 24 hours before the current certificate expires (OAUTH-ROLL-LEAD).
[CmdletBinding(SupportsShouldProcess=$true)]
param([switch]$Roll, [string]$PfxPath = (Join-Path $PSScriptRoot 'oauth-token-issuer.pfx'))

$ErrorActionPreference = 'Stop'
trap { Write-Host "LyncCert: stopped, nothing further was changed: $($_.Exception.Message)" -ForegroundColor Red; exit 1 }

# Ask for the PFX password without showing it or putting it on any command line.
$secure = Read-Host -AsSecureString -Prompt 'PFX password'
$password = (New-Object System.Net.NetworkCredential('', $secure)).Password

# Put the issuing CA certificates in the Local Computer stores, so the chain builds (COMMON-MACHINE-STORE): only
# those named here by thumbprint, each into the store named beside it, never whatever else a PFX may hold.
function Import-IssuerChain {
    [CmdletBinding(SupportsShouldProcess=$true)]
    param([string]$Pfx, [hashtable]$Issuers)
    $bundle = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection
    $bundle.Import($Pfx, $password, [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet')
    foreach ($ca in @($bundle | Where-Object { $Issuers.ContainsKey($_.Thumbprint) })) {
        $storeName = $Issuers[$ca.Thumbprint]
        if (Test-Path -LiteralPath "Cert:\LocalMachine\$storeName\$($ca.Thumbprint)") { continue }
        if ($PSCmdlet.ShouldProcess("Local Computer\$storeName", "Add the CA certificate $($ca.Subject)")) {
            $store = New-Object System.Security.Cryptography.X509Certificates.X509Store($storeName, 'LocalMachine')
            $store.Open('ReadWrite'); $store.Add($ca); $store.Close()
        }
    }
}

# The PFX names its key's provider (attribute 1.3.6.1.4.1.311.17.1): Microsoft RSA SChannel Cryptographic Provider for RSA keys.
# PFXImportCertStore keeps a key in the provider the file names, even when the caller prefers CNG
# (learn.microsoft.com, PFXImportCertStore, PKCS12_PREFER_CNG_KSP): Lync Server 2013 uses only CryptoAPI keys.

# Lync keeps a current and a previous certificate per usage (C-SET): compare with the one in effect, never with this one.
function Test-Assigned([string]$Type, [hashtable]$Scope) {
    @(Get-CsCertificate -Type $Type @Scope | Where-Object { $_.Thumbprint -eq $thumbprint }).Count -gt 0
}
function Get-RollDate([string]$Type, [int]$LeadHours, [hashtable]$Scope) {
    if (-not $Roll) { return $null }
    $current = @(Get-CsCertificate -Type $Type @Scope | Sort-Object NotAfter -Descending) | Select-Object -First 1
    if ($null -ne $current -and $current.NotAfter.AddHours(-$LeadHours) -gt (Get-Date)) { return $current.NotAfter.AddHours(-$LeadHours) }
    Write-Host "$Type has no current certificate that expires more than $LeadHours hours from now: assigned at once."
    return $null
}

$thumbprint = '3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD'
$pfx = $PfxPath
# CA 0A1B2C3D4E5F60718293A4B5C6D7E8F901234567: CN=Contoso Issuing CA
# Root 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432: CN=Contoso Root CA
Import-IssuerChain $pfx @{ '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567' = 'CA'; '9F8E7D6C5B4A39281706F5E4D3C2B1A098765432' = 'Root' }

# OAuthTokenIssuer: imported and assigned once at global scope (OAUTH-GLOBAL), replication copies it to every Front End;
# -Roll stages it 24 hours before the current one expires (OAUTH-ROLL-LEAD).
$globalScope = @{ Identity = 'global' }
if (Test-Assigned OAuthTokenIssuer $globalScope) { Write-Host 'OAuthTokenIssuer already uses this certificate.' }
elseif ($effective = Get-RollDate OAuthTokenIssuer 24 $globalScope) { if ($PSCmdlet.ShouldProcess('global', 'Import-CsCertificate -Type OAuthTokenIssuer -Roll')) { Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $pfx -Password $password -Roll -EffectiveDate $effective } }
else { if ($PSCmdlet.ShouldProcess('global', 'Import-CsCertificate -Type OAuthTokenIssuer')) { Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $pfx -Password $password } }

# Show what is now in use.
Get-CsCertificate -Identity global | Where-Object { @('3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD') -contains $_.Thumbprint } | Format-Table Use, Thumbprint, EffectiveDate, NotAfter
