#Requires -Version 3.0
# LyncCert: deployment kit for fe01.contoso.net: 2 certificate(s)
# front-end LyncCert front-end: request front-end-2; thumbprint AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2; expires 2028-11-25T12:00:00.000Z.
# oauth-token-issuer LyncCert oauth-token-issuer: request oauth-token-issuer-3; thumbprint AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA3; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated Lync Server Management Shell (or Windows PowerShell) on fe01.contoso.net. Safe to run again; -WhatIf shows what it would change and changes nothing.
# How to run it, elevated: from its folder, .\Install-LyncCert.ps1 -WhatIf, then .\Install-LyncCert.ps1; or from cmd, a scheduled task or a deployment
# tool: powershell.exe -NoProfile -ExecutionPolicy Bypass -File "<folder>\Install-LyncCert.ps1". Execution policy: where it is Restricted
# (the default on Windows Server 2008 R2 and 2012), first Set-ExecutionPolicy -Scope Process -ExecutionPolicy RemoteSigned (this
# window only); RemoteSigned refuses a script marked as downloaded: Unblock-File (PowerShell 3.0 and later) or Properties, Unblock;
# AllSigned set by Group Policy overrides both: sign it with Set-AuthenticodeSignature and a code-signing certificate the server trusts.
# -Roll stages the oauth-token-issuer certificate: it takes effect 24 hours before the current certificate expires (OAUTH-ROLL-LEAD).
[CmdletBinding(SupportsShouldProcess=$true)]
param([switch]$Roll, [string]$KitPath)

$ErrorActionPreference = 'Stop'
$changed = New-Object System.Collections.ArrayList
trap {
    $done = if ($changed.Count) { "done before it stopped: $($changed -join '; ')" } else { 'nothing was changed' }
    Write-Host "LyncCert: stopped: $($_.Exception.Message); $done" -ForegroundColor Red
    exit 1
}

$here = $PSScriptRoot
if (-not $here -and $MyInvocation.MyCommand.Path) { $here = Split-Path -Parent $MyInvocation.MyCommand.Path }
if (-not $KitPath) {
    if (-not $here) { throw 'cannot tell which folder this script is in: give -KitPath with the full path' }
    $KitPath = $here
}
$KitPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($KitPath)
$files = $KitPath

# Started with -File or by a deployment tool, the Lync cmdlets are not loaded as in the Management Shell.
if (-not (Get-Command Set-CsCertificate -ErrorAction SilentlyContinue)) {
    Import-Module SkypeForBusiness -ErrorAction SilentlyContinue
    if (-not (Get-Command Set-CsCertificate -ErrorAction SilentlyContinue)) { Import-Module Lync }
}

# Ask for the PFX password without showing it or putting it on any command line; read back through a BSTR,
# which every .NET version has (NetworkCredential's SecureString constructor needs .NET 4).
$secure = Read-Host -AsSecureString -Prompt 'PFX password'
$bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure)
try { $password = [System.Runtime.InteropServices.Marshal]::PtrToStringBSTR($bstr) } finally { [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr) }

# Put the issuing CA certificates in the Local Computer stores, so the chain builds (COMMON-MACHINE-STORE): only
# those named here by thumbprint, each into the store named beside it. They are read from the chain file, which
# holds certificates only (PKCS#7; X509Certificate2Collection.Import reads it): opening the PFX for them would load
# its private key, which a default PFX load writes to a key file on disk, even under -WhatIf.
function Import-IssuerChain {
    [CmdletBinding(SupportsShouldProcess=$true)]
    param([string]$Chain, [hashtable]$Issuers)
    $bundle = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection
    $bundle.Import($Chain)
    foreach ($wanted in @($Issuers.Keys)) {
        if (-not @($bundle | Where-Object { $_.Thumbprint -eq $wanted }).Count) { Write-Warning "$Chain does not hold the CA certificate $wanted; it was not installed" }
    }
    foreach ($ca in @($bundle | Where-Object { $Issuers.ContainsKey($_.Thumbprint) })) {
        $storeName = $Issuers[$ca.Thumbprint]
        if (Test-Path -LiteralPath "Cert:\LocalMachine\$storeName\$($ca.Thumbprint)") { continue }
        if ($PSCmdlet.ShouldProcess("Local Computer\$storeName", "Add the CA certificate $($ca.Subject)")) {
            $store = New-Object System.Security.Cryptography.X509Certificates.X509Store($storeName, 'LocalMachine')
            $store.Open('ReadWrite'); $store.Add($ca); $store.Close()
            [void]$changed.Add("added the CA certificate $($ca.Subject) to Local Computer\$storeName")
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

# 1 of 2: front-end (Default, WebServicesInternal, WebServicesExternal)
$thumbprint = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2'
$pfx = (Join-Path $files 'front-end.pfx')
# Root 0A1B2C3D4E5F60718293A4B5C6D7E8F901234567: CN=Contoso Test Root CA
Import-IssuerChain (Join-Path $files 'front-end.chain.p7b') @{ '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567' = 'Root' }

if (Test-Path -LiteralPath "Cert:\LocalMachine\My\$thumbprint") {
    Write-Host 'The certificate is already in Local Computer\Personal; not imported again.'
} else {
    # Into Local Computer\Personal. -PrivateKeyExportable $true "ensures that the private key portion of the certificate
    # can be read by the Network Service account" (learn.microsoft.com, Import-CsCertificate), which the Lync services run as:
    # every role needs it, whatever the name suggests.
    if ($PSCmdlet.ShouldProcess('Local Computer\Personal', 'Import-CsCertificate')) { Import-CsCertificate -Path $pfx -Password $password -PrivateKeyExportable $true; [void]$changed.Add('Import-CsCertificate') }
}

# Assign it to exactly the usages it was planned for, in one call as the documentation does (C-SET).
$pending = @('Default', 'WebServicesInternal', 'WebServicesExternal' | Where-Object { -not (Test-Assigned $_ @{}) })
if ($pending.Count -eq 0) { Write-Host 'Every usage already uses this certificate.' }
else { if ($PSCmdlet.ShouldProcess($thumbprint, 'Set-CsCertificate -Type Default,WebServicesInternal,WebServicesExternal')) { Set-CsCertificate -Type $pending -Thumbprint $thumbprint; [void]$changed.Add('Set-CsCertificate -Type Default,WebServicesInternal,WebServicesExternal') } }

# 2 of 2: oauth-token-issuer (OAuthTokenIssuer)
$thumbprint = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA3'
$pfx = (Join-Path $files 'oauth-token-issuer.pfx')
# Root 0A1B2C3D4E5F60718293A4B5C6D7E8F901234567: CN=Contoso Test Root CA
Import-IssuerChain (Join-Path $files 'oauth-token-issuer.chain.p7b') @{ '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567' = 'Root' }

# OAuthTokenIssuer: imported and assigned once at global scope (OAUTH-GLOBAL), replication copies it to every Front End;
# -Roll stages it 24 hours before the current one expires (OAUTH-ROLL-LEAD).
$globalScope = @{ Identity = 'global' }
if (Test-Assigned OAuthTokenIssuer $globalScope) { Write-Host 'OAuthTokenIssuer already uses this certificate.' }
elseif ($effective = Get-RollDate OAuthTokenIssuer 24 $globalScope) { if ($PSCmdlet.ShouldProcess('global', 'Import-CsCertificate -Type OAuthTokenIssuer -Roll')) { Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $pfx -Password $password -Roll -EffectiveDate $effective; [void]$changed.Add('Import-CsCertificate -Type OAuthTokenIssuer -Roll') } }
else { if ($PSCmdlet.ShouldProcess('global', 'Import-CsCertificate -Type OAuthTokenIssuer')) { Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $pfx -Password $password; [void]$changed.Add('Import-CsCertificate -Type OAuthTokenIssuer') } }

# Show what is now in use.
Get-CsCertificate | Where-Object { @('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA3') -contains $_.Thumbprint } | Format-Table 'Use', 'Thumbprint', 'EffectiveDate', 'NotAfter'
Get-CsCertificate -Identity global | Where-Object { @('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA3') -contains $_.Thumbprint } | Format-Table 'Use', 'Thumbprint', 'EffectiveDate', 'NotAfter'
