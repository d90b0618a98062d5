# LyncCert: install the edge-external certificate 'LyncCert edge-external-av-roll'
# Request edge-external-av-roll-20261125-abcdef; thumbprint 3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated Lync Server Management Shell on every Edge Server of lsedge.contoso.net (EDGE-EXT-SAME-POOL).
# -Roll stages it: it takes effect 8 hours before the current certificate expires (EDGE-AV-ROLL-LEAD).
param([switch]$Roll, [string]$PfxPath = (Join-Path $PSScriptRoot 'edge-external-av-roll.pfx'))

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

# Import the certificate and its key into Local Computer\Personal, key exportable (the role requires it).
Import-CsCertificate -Path $PfxPath -Password $password -PrivateKeyExportable $true

# Assign it to exactly the usages it was planned for.
Set-CsCertificate -Type AccessEdgeExternal,DataEdgeExternal,XMPPServer -Thumbprint $thumbprint
# A/V Authentication: assign now, or with -Roll stage it 8 hours before the current one expires (EDGE-AV-ROLL-LEAD).
# In a pool, import it on every member before the first EffectiveDate (EDGE-AV-ROLL-POOL).
if ($Roll) {
    $current = Get-CsCertificate -Type AudioVideoAuthentication
    $effective = $current.NotAfter.AddHours(-8)
    Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint -Roll -EffectiveDate $effective
} else {
    Set-CsCertificate -Type AudioVideoAuthentication -Thumbprint $thumbprint
}

# Show what Lync now uses.
Get-CsCertificate | Where-Object { $_.Thumbprint -eq $thumbprint } | Format-Table Use, Thumbprint, NotAfter
