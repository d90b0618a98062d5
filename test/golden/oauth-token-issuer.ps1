# LyncCert: install the oauth-token-issuer certificate 'LyncCert oauth-token-issuer'
# Request oauth-token-issuer-20261125-abcdef; thumbprint 3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated Lync Server Management Shell on one Front End Server (OAUTH-GLOBAL: replication copies it).
# -Roll stages it: it takes effect 24 hours before the current certificate expires (OAUTH-ROLL-LEAD).
param([switch]$Roll, [string]$PfxPath = (Join-Path $PSScriptRoot 'oauth-token-issuer.pfx'))

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

# Import it once at global scope and assign it as the OAuthTokenIssuer (OAUTH-GLOBAL); replication copies it to every Front End.
if ($Roll) {
    $current = Get-CsCertificate -Type OAuthTokenIssuer
    $effective = $current.NotAfter.AddHours(-24)
    Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $PfxPath -Password $password -Roll -EffectiveDate $effective
} else {
    Import-CsCertificate -Identity global -Type OAuthTokenIssuer -Path $PfxPath -Password $password
}

# Show what Lync now uses.
Get-CsCertificate | Where-Object { $_.Thumbprint -eq $thumbprint } | Format-Table Use, Thumbprint, NotAfter
