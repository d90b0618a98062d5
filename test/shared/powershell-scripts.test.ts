import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { installScript, kitScript, type ScriptCertificate } from "../../shared/export/powershell";
import { planCertificate } from "../../shared/planner/plan";
import type { PlanRequest } from "../../shared/planner/plan-types";
import { powershellSyntaxErrors } from "../helpers/powershell-grammar";
import { exampleSite } from "../helpers/sites";

const GOLDEN = fileURLToPath(new URL("../golden/", import.meta.url));
const ROLES: PlanRequest[] = [
  { role: "front-end", server: "fe01.contoso.net" },
  { role: "edge-external" },
  { role: "edge-internal" },
  { role: "oauth-token-issuer" },
  { role: "reverse-proxy" },
  { role: "mediation", server: "medsvr01.contoso.net" },
  { role: "office-web-apps" },
];

function certificate(request: PlanRequest, issuers: ScriptCertificate["issuers"] = []): ScriptCertificate {
  return {
    plan: planCertificate(exampleSite(), request),
    thumbprint: "3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD",
    friendlyName: `LyncCert ${request.role}`,
    pfxFileName: `${request.role}.pfx`,
    notAfter: new Date("2028-11-25T12:00:00Z"),
    requestId: `${request.role}-20261125-abcdef`,
    issuers,
  };
}

const everyScript = (): [string, string][] => [
  ...ROLES.map((r): [string, string] => [
    `install ${r.role}`,
    installScript(certificate(r, [{ thumbprint: "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", subject: "CN=Root", root: true }])),
  ]),
  ...ROLES.map((r): [string, string] => [
    `kit ${r.role}`,
    kitScript({ server: "fe01.contoso.net", kind: r.role === "reverse-proxy" || r.role === "office-web-apps" ? r.role : "lync", certificates: [certificate(r)], missing: ["x"] }),
  ]),
  ...readdirSync(GOLDEN)
    .filter((n) => n.endsWith(".ps1"))
    .map((n): [string, string] => [`golden ${n}`, readFileSync(`${GOLDEN}${n}`, "utf8")]),
];

describe("an independent judge: every generated script parses under tree-sitter-powershell's grammar", () => {
  it.each(everyScript())("%s: no ERROR or MISSING node", async (_name, script) => {
    expect(await powershellSyntaxErrors(script)).toEqual([]);
  });

  it("the judge does find errors: an unclosed block, and the unquoted comma list it cannot read", async () => {
    expect(await powershellSyntaxErrors("if ($a) { Write-Host 'x' ")).not.toEqual([]);
    expect(await powershellSyntaxErrors("Get-CsCertificate | Format-Table Use, Thumbprint\r\n")).not.toEqual([]);
  });
});

describe("scripts that start however they are launched (powershell.exe -File, a scheduled task, a deployment tool)", () => {
  const kit = kitScript({ server: "fe01.contoso.net", kind: "lync", certificates: [certificate(ROLES[0]!)], missing: [] });
  const single = installScript(certificate(ROLES[0]!));

  it("no parameter defaults to $PSScriptRoot (empty while an advanced script's defaults bind under -File, PowerShell/PowerShell#4688)", () => {
    for (const script of [kit, single]) {
      const param = script.split("\r\n").find((l) => l.startsWith("param("))!;
      expect(param).not.toContain("$PSScriptRoot");
      expect(param).not.toContain("=");
    }
    expect(kit).toContain("param([string]$KitPath)");
    expect(single).toContain("param([string]$PfxPath)");
  });

  it("the folder is found in the body ($PSScriptRoot, else $MyInvocation.MyCommand.Path), made absolute from the PowerShell location, and a clear stop when unknown", () => {
    const lines = kit.split("\r\n");
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at("$here = $PSScriptRoot")).toBeGreaterThan(at("param("));
    expect(kit).toContain("if (-not $here -and $MyInvocation.MyCommand.Path) { $here = Split-Path -Parent $MyInvocation.MyCommand.Path }");
    expect(kit).toContain("throw 'cannot tell which folder this script is in: give -KitPath with the full path'");
    expect(kit).toContain("$KitPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($KitPath)");
    // Every file is read through the absolute folder, never a relative path .NET would resolve against the process folder.
    expect(kit).toContain("$pfx = (Join-Path $files 'front-end.pfx')");
    expect(single).toContain("$PfxPath = Join-Path $here 'front-end.pfx'");
    expect(single).toContain("$files = Split-Path -Parent $PfxPath");
    // Started outside the Management Shell, the Lync module is loaded.
    expect(kit).toContain("if (-not (Get-Command Set-CsCertificate -ErrorAction SilentlyContinue)) { Import-Module Lync }");
  });

  it("versions: #Requires 3.0 where Lync cmdlets run (Lync Server 2013 needs it); the reverse proxy's runs on 2.0 (TMG on 2008 R2): no $PSScriptRoot-only path, no NetworkCredential(SecureString)", () => {
    expect(kit.split("\r\n")[0]).toBe("#Requires -Version 3.0");
    const proxy = kitScript({ server: "reverse-proxy", kind: "reverse-proxy", certificates: [certificate({ role: "reverse-proxy" })], missing: [] });
    expect(proxy.split("\r\n")[0]).toBe("#Requires -Version 2.0");
    for (const script of [kit, proxy]) {
      expect(script).not.toMatch(/New-Object System\.Net\.NetworkCredential/);
      expect(script).toContain("[System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure)");
      expect(script).toContain("[System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr)");
    }
  });

  it("execution-policy advice that works on each: Restricted, RemoteSigned with a downloaded file, AllSigned by Group Policy, and -File", () => {
    expect(kit).toContain("Set-ExecutionPolicy -Scope Process -ExecutionPolicy RemoteSigned");
    expect(kit).toContain("Unblock-File (PowerShell 3.0 and later)");
    expect(kit).toContain("AllSigned set by Group Policy overrides both: sign it with Set-AuthenticodeSignature");
    expect(kit).toContain('powershell.exe -NoProfile -ExecutionPolicy Bypass -File "<folder>\\Install-LyncCert.ps1"');
  });

  it("a run that stops says what it had done: each change is noted, and the trap names them (or says nothing was changed)", () => {
    expect(kit).not.toContain("nothing further was changed");
    expect(kit).toContain("$done = if ($changed.Count) { \"done before it stopped: $($changed -join '; ')\" } else { 'nothing was changed' }");
    expect(kit).toMatch(/Import-CsCertificate -Path \$pfx -Password \$password -PrivateKeyExportable \$true; \[void\]\$changed\.Add\('Import-CsCertificate'\)/);
  });

  it("the issuers come from the chain file (PKCS#7), never from the PFX: reading them loads no private key, even under -WhatIf", () => {
    const script = installScript(certificate(ROLES[0]!, [{ thumbprint: "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", subject: "CN=Issuing", root: false }]));
    expect(script).toContain("Import-IssuerChain (Join-Path $files 'front-end.chain.p7b') @{ '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567' = 'CA' }");
    expect(script).toContain("$bundle.Import($Chain)");
    expect(script).not.toMatch(/\$bundle\.Import\(\$Pfx/);
    expect(single).not.toContain("Import-IssuerChain");
  });

  it("-PrivateKeyExportable $true for every role: the documented switch lets the Network Service account (the Lync services) read the key", () => {
    for (const r of ROLES.filter((x) => planCertificate(exampleSite(), x).types.length > 0 && x.role !== "oauth-token-issuer")) {
      const script = installScript(certificate(r));
      expect(script).toContain("-PrivateKeyExportable $true");
      expect(script).not.toContain("-PrivateKeyExportable $false");
      expect(script).toContain('"ensures that the private key portion of the certificate');
    }
  });
});
