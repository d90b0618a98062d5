# LyncCert: install the reverse-proxy certificate 'LyncCert reverse-proxy'
# Request reverse-proxy-20261125-abcdef; thumbprint 3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated Lync Server Management Shell on webext.contoso.com.
param([string]$PfxPath = (Join-Path $PSScriptRoot 'reverse-proxy.pfx'))

$ErrorActionPreference = 'Stop'
$thumbprint = '3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD'

# Ask for the PFX password without showing it; Import-CsCertificate takes it as plain text.
$secure = Read-Host -AsSecureString -Prompt 'PFX password'
$password = (New-Object System.Net.NetworkCredential('', $secure)).Password

# Put the issuing CA certificates of the PFX in the Local Computer stores, so the chain builds (COMMON-MACHINE-STORE).
$flags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet'
$bundle = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection
$bundle.Import($PfxPath, $password, $flags)
foreach ($ca in @($bundle | Where-Object { $_.Thumbprint -ne $thumbprint })) {
    $storeName = if ($ca.Subject -eq $ca.Issuer) { 'Root' } else { 'CA' }
    $store = New-Object System.Security.Cryptography.X509Certificates.X509Store($storeName, 'LocalMachine')
    $store.Open('ReadWrite'); $store.Add($ca); $store.Close()
}

# The reverse proxy is not a Lync server: import into Local Computer\Personal, then bind it to the listener.
certutil.exe -f -p $password -importPFX My $PfxPath
# Bind the certificate with this thumbprint to the HTTPS listener of IIS ARR, Web Application Proxy or TMG.

# Show what Lync now uses.
Get-ChildItem Cert:\LocalMachine\My\$thumbprint | Format-List Subject, NotAfter, FriendlyName
