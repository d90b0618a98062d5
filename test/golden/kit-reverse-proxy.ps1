#Requires -Version 2.0
# LyncCert: deployment kit for the reverse proxy: 1 certificate(s)
# Request reverse-proxy-4; thumbprint AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA4; expires 2028-11-25T12:00:00.000Z.
# Run in an elevated Windows PowerShell on the reverse proxy (every member of its array). Safe to run again; -WhatIf shows what it would change and changes nothing.
# How to run it, elevated: from its folder, .\Install-LyncCert.ps1 -WhatIf, then .\Install-LyncCert.ps1; or from cmd, a scheduled task or a deployment
# tool: powershell.exe -NoProfile -ExecutionPolicy Bypass -File "<folder>\Install-LyncCert.ps1". Execution policy: where it is Restricted
# (the default on Windows Server 2008 R2 and 2012), first Set-ExecutionPolicy -Scope Process -ExecutionPolicy RemoteSigned (this
# window only); RemoteSigned refuses a script marked as downloaded: Unblock-File (PowerShell 3.0 and later) or Properties, Unblock;
# AllSigned set by Group Policy overrides both: sign it with Set-AuthenticodeSignature and a code-signing certificate the server trusts.
[CmdletBinding(SupportsShouldProcess=$true)]
param([string]$KitPath)

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

$thumbprint = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA4'
$pfx = (Join-Path $files 'reverse-proxy.pfx')
# Root 0A1B2C3D4E5F60718293A4B5C6D7E8F901234567: CN=Contoso Test Root CA
Import-IssuerChain (Join-Path $files 'reverse-proxy.chain.p7b') @{ '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567' = 'Root' }

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
    [void]$changed.Add('imported the reverse proxy certificate into Local Computer\Personal')
}
# Then bind the certificate with this thumbprint to the HTTPS listener: IIS ARR, the 443 binding of the site that
# publishes Lync (IIS Manager, Bindings); Forefront TMG 2010, the web listener's Certificates tab, on every array
# member; Web Application Proxy, -ExternalCertificateThumbprint of Add-WebApplicationProxyApplication.

# Show what is now in use.
Get-ChildItem -Path Cert:\LocalMachine\My | Where-Object { @('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA4') -contains $_.Thumbprint } | Format-List 'Subject', 'NotAfter', 'FriendlyName'
