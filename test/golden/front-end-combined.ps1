# LyncCert: install the front-end certificate LyncCert front-end-combined
# Request front-end-combined-20261125-abcdef; thumbprint 3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated Lync Server Management Shell on fe01.contoso.net. Safe to run again.
param([string]$PfxPath = (Join-Path $PSScriptRoot 'front-end-combined.pfx'))

$ErrorActionPreference = 'Stop'
trap { Write-Host "LyncCert: stopped, nothing further was changed: $($_.Exception.Message)" -ForegroundColor Red; exit 1 }
$thumbprint = '3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD'

# Ask for the PFX password without showing it or putting it on any command line.
$secure = Read-Host -AsSecureString -Prompt 'PFX password'

# Put the issuing CA certificates of the PFX in the Local Computer stores, so the chain builds (COMMON-MACHINE-STORE).
$password = (New-Object System.Net.NetworkCredential('', $secure)).Password
$bundle = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection
$bundle.Import($PfxPath, $password, [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet')
foreach ($ca in @($bundle | Where-Object { $_.Thumbprint -ne $thumbprint })) {
    $storeName = if ($ca.Subject -eq $ca.Issuer) { 'Root' } else { 'CA' }
    $store = New-Object System.Security.Cryptography.X509Certificates.X509Store($storeName, 'LocalMachine')
    $store.Open('ReadWrite'); $store.Add($ca); $store.Close()
}

# The PFX names its key's provider (attribute 1.3.6.1.4.1.311.17.1): Microsoft RSA SChannel Cryptographic Provider for RSA keys.
# PFXImportCertStore keeps a key in the provider the file names, even when the caller prefers CNG
# (learn.microsoft.com, PFXImportCertStore, PKCS12_PREFER_CNG_KSP): Lync Server 2013 uses only CryptoAPI keys.

# Lync keeps a current and a previous certificate per usage (C-SET): compare with the one in effect, never with this one.
function Test-Assigned([string]$Type, [hashtable]$Scope) {
    @(Get-CsCertificate -Type $Type @Scope | Where-Object { $_.Thumbprint -eq $thumbprint }).Count -gt 0
}

if (Test-Path -LiteralPath "Cert:\LocalMachine\My\$thumbprint") {
    Write-Host 'The certificate is already in Local Computer\Personal; not imported again.'
} else {
    # Into Local Computer\Personal.
    Import-CsCertificate -Path $PfxPath -Password $password -PrivateKeyExportable $false
}

# Assign it to exactly the usages it was planned for, in one call as the documentation does (C-SET).
$pending = @('Default', 'WebServicesInternal', 'WebServicesExternal' | Where-Object { -not (Test-Assigned $_ @{}) })
if ($pending.Count -gt 0) { Set-CsCertificate -Type $pending -Thumbprint $thumbprint } else { Write-Host 'Every usage already uses this certificate.' }

# Show what is now in use.
Get-CsCertificate | Where-Object { $_.Thumbprint -eq $thumbprint } | Format-Table Use, Thumbprint, EffectiveDate, NotAfter
