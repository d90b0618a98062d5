# LyncCert: install the reverse-proxy certificate LyncCert reverse-proxy
# Request reverse-proxy-20261125-abcdef; thumbprint 3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated PowerShell on the reverse proxy serving webext.contoso.com. Safe to run again.
param([string]$PfxPath = (Join-Path $PSScriptRoot 'reverse-proxy.pfx'))

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

# The reverse proxy is not a Lync server: import into Local Computer\Personal with .NET, which takes the
# password as a SecureString (never on a command line, never mangled by quoting).
# The PFX names its key's provider (attribute 1.3.6.1.4.1.311.17.1): Microsoft RSA SChannel Cryptographic Provider for RSA keys.
# PFXImportCertStore keeps a key in the provider the file names, even when the caller prefers CNG
# (learn.microsoft.com, PFXImportCertStore, PKCS12_PREFER_CNG_KSP): Lync Server 2013 uses only CryptoAPI keys.
if (Test-Path -LiteralPath "Cert:\LocalMachine\My\$thumbprint") {
    Write-Host 'The certificate is already in Local Computer\Personal; not imported again.'
} else {
    $keyFlags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet, PersistKeySet, Exportable'
    $certificate = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($PfxPath, $secure, $keyFlags)
    $store = New-Object System.Security.Cryptography.X509Certificates.X509Store('My', 'LocalMachine')
    $store.Open('ReadWrite'); $store.Add($certificate); $store.Close()
}
# Then bind the certificate with this thumbprint to the HTTPS listener of IIS ARR, Web Application Proxy or TMG.

# Show what is now in use.
Get-Item -LiteralPath "Cert:\LocalMachine\My\$thumbprint" | Format-List Subject, NotAfter, FriendlyName
