# LyncCert: install the reverse-proxy certificate LyncCert reverse-proxy
# Request reverse-proxy-20261125-abcdef; thumbprint 3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated PowerShell on the reverse proxy serving webext.contoso.com. Safe to run again; -WhatIf shows what it would change and changes nothing.
[CmdletBinding(SupportsShouldProcess=$true)]
param([string]$PfxPath = (Join-Path $PSScriptRoot 'reverse-proxy.pfx'))

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

$thumbprint = '3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD'
$pfx = $PfxPath
# CA 0A1B2C3D4E5F60718293A4B5C6D7E8F901234567: CN=Contoso Issuing CA
# Root 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432: CN=Contoso Root CA
Import-IssuerChain $pfx @{ '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567' = 'CA'; '9F8E7D6C5B4A39281706F5E4D3C2B1A098765432' = 'Root' }

if (Test-Path -LiteralPath "Cert:\LocalMachine\My\$thumbprint") {
    Write-Host 'The certificate is already in Local Computer\Personal; not imported again.'
} elseif ($PSCmdlet.ShouldProcess('Local Computer\Personal', 'Import the reverse proxy certificate')) {
    if (Get-Command Import-PfxCertificate -ErrorAction SilentlyContinue) {
        # Import-PfxCertificate also puts the PFX's CA certificates in Personal; they do no harm there.
        $null = Import-PfxCertificate -FilePath $pfx -CertStoreLocation 'Cert:\LocalMachine\My' -Password $secure -Exportable
    } else {
        $keyFlags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'MachineKeySet, PersistKeySet, Exportable'
        $certificate = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($pfx, $secure, $keyFlags)
        $store = New-Object System.Security.Cryptography.X509Certificates.X509Store('My', 'LocalMachine')
        $store.Open('ReadWrite'); $store.Add($certificate); $store.Close()
    }
}
# Then bind the certificate with this thumbprint to the HTTPS listener: IIS ARR, the 443 binding of the site that
# publishes Lync (IIS Manager, Bindings); Forefront TMG 2010, the web listener's Certificates tab, on every array
# member; Web Application Proxy, -ExternalCertificateThumbprint of Add-WebApplicationProxyApplication.

# Show what is now in use.
Get-ChildItem -Path Cert:\LocalMachine\My | Where-Object { @('3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD') -contains $_.Thumbprint } | Format-List Subject, NotAfter, FriendlyName
