#Requires -Version 3.0
# LyncCert: install the edge-external certificate LyncCert edge-external-av-roll
# Request edge-external-av-roll-20261125-abcdef; thumbprint 3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated Lync Server Management Shell (or Windows PowerShell) on every Edge Server of lsedge.contoso.net (EDGE-EXT-SAME-POOL, EDGE-AV-SAME-KEY: the same certificate and key on each). Safe to run again; -WhatIf shows what it would change and changes nothing.
# How to run it, elevated: from its folder, .\<this script>.ps1 -WhatIf, then .\<this script>.ps1; or from cmd, a scheduled task or a deployment
# tool: powershell.exe -NoProfile -ExecutionPolicy Bypass -File "<folder>\<this script>.ps1". Execution policy: where it is Restricted
# (the default on Windows Server 2008 R2 and 2012), first Set-ExecutionPolicy -Scope Process -ExecutionPolicy RemoteSigned (this
# window only); RemoteSigned refuses a script marked as downloaded: Unblock-File (PowerShell 3.0 and later) or Properties, Unblock;
# AllSigned set by Group Policy overrides both: sign it with Set-AuthenticodeSignature and a code-signing certificate the server trusts.
# -Roll stages it: it takes effect 8 hours before the current certificate expires (EDGE-AV-ROLL-LEAD).
[CmdletBinding(SupportsShouldProcess=$true)]
param([switch]$Roll, [string]$PfxPath)

$ErrorActionPreference = 'Stop'
$changed = New-Object System.Collections.ArrayList
trap {
    $done = if ($changed.Count) { "done before it stopped: $($changed -join '; ')" } else { 'nothing was changed' }
    Write-Host "LyncCert: stopped: $($_.Exception.Message); $done" -ForegroundColor Red
    exit 1
}

$here = $PSScriptRoot
if (-not $here -and $MyInvocation.MyCommand.Path) { $here = Split-Path -Parent $MyInvocation.MyCommand.Path }
if (-not $PfxPath) {
    if (-not $here) { throw 'cannot tell which folder this script is in: give -PfxPath with the full path' }
    $PfxPath = Join-Path $here 'edge-external-av-roll.pfx'
}
$PfxPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($PfxPath)
$files = Split-Path -Parent $PfxPath

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

$thumbprint = '3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD'
$pfx = $PfxPath
# CA 0A1B2C3D4E5F60718293A4B5C6D7E8F901234567: CN=Contoso Issuing CA
# Root 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432: CN=Contoso Root CA
Import-IssuerChain (Join-Path $files 'edge-external-av-roll.chain.p7b') @{ '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567' = 'CA'; '9F8E7D6C5B4A39281706F5E4D3C2B1A098765432' = 'Root' }

if (Test-Path -LiteralPath "Cert:\LocalMachine\My\$thumbprint") {
    Write-Host 'The certificate is already in Local Computer\Personal; not imported again.'
} else {
    # Into Local Computer\Personal. -PrivateKeyExportable $true "ensures that the private key portion of the certificate
    # can be read by the Network Service account" (learn.microsoft.com, Import-CsCertificate), which the Lync services run as:
    # every role needs it, whatever the name suggests.
    if ($PSCmdlet.ShouldProcess('Local Computer\Personal', 'Import-CsCertificate')) { Import-CsCertificate -Path $pfx -Password $password -PrivateKeyExportable $true; [void]$changed.Add('Import-CsCertificate') }
}

# Assign it to exactly the usages it was planned for, in one call as the documentation does (C-SET).
$pending = @('AccessEdgeExternal', 'DataEdgeExternal', 'XMPPServer' | Where-Object { -not (Test-Assigned $_ @{}) })
if ($pending.Count -eq 0) { Write-Host 'Every usage already uses this certificate.' }
else { if ($PSCmdlet.ShouldProcess($thumbprint, 'Set-CsCertificate -Type AccessEdgeExternal,DataEdgeExternal,XMPPServer')) { Set-CsCertificate -Type $pending -Thumbprint $thumbprint; [void]$changed.Add('Set-CsCertificate -Type AccessEdgeExternal,DataEdgeExternal,XMPPServer') } }
# A/V Authentication: -Roll stages it 8 hours before the current one expires (EDGE-AV-ROLL-LEAD); in a pool, import it on every member before the first EffectiveDate (EDGE-AV-ROLL-POOL).
if (Test-Assigned AudioVideoAuthentication @{}) { Write-Host 'AudioVideoAuthentication already uses this certificate.' }
elseif ($effective = Get-RollDate AudioVideoAuthentication 8 @{}) { if ($PSCmdlet.ShouldProcess($thumbprint, 'Set-CsCertificate -Type AudioVideoAuthentication -Roll')) { Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint -Roll -EffectiveDate $effective; [void]$changed.Add('Set-CsCertificate -Type AudioVideoAuthentication -Roll') } }
else { if ($PSCmdlet.ShouldProcess($thumbprint, 'Set-CsCertificate -Type AudioVideoAuthentication')) { Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint; [void]$changed.Add('Set-CsCertificate -Type AudioVideoAuthentication') } }

# Show what is now in use.
Get-CsCertificate | Where-Object { @('3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD') -contains $_.Thumbprint } | Format-Table 'Use', 'Thumbprint', 'EffectiveDate', 'NotAfter'
