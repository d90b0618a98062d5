import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { signingProfile } from "../../shared/crypto/key-spec";
import { certreqInf } from "../../shared/export/certreq-inf";
import { requestFriendlyName } from "../../shared/export/friendly-name";
import { installScript } from "../../shared/export/powershell";
import { planCertificate } from "../../shared/planner/plan";
import { planRequestsForSite } from "../../shared/planner/plan-all";
import { withKeyOnServer } from "../../shared/planner/key-policy";
import type { PlanRequest } from "../../shared/planner/plan-types";
import { exampleSite, siteWith } from "../helpers/sites";

/** Golden files: reviewed once by a person, then pinned. UPDATE_GOLDEN=1 rewrites them. */
function golden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const THUMBPRINT = "3F2A9C0D5E7B1146A8D2C4E6F80123456789ABCD";
/** The verified path's CA certificates: the script installs these by thumbprint and nothing else the PFX holds. */
const ISSUERS = [
  { thumbprint: "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", subject: "CN=Contoso Issuing CA", root: false },
  { thumbprint: "9F8E7D6C5B4A39281706F5E4D3C2B1A098765432", subject: "CN=Contoso Root CA", root: true },
];
const scriptCases: [string, PlanRequest][] = [
  ["front-end-combined", { role: "front-end", server: "fe01.contoso.net" }],
  ["edge-external-av-roll", { role: "edge-external" }],
  ["oauth-token-issuer", { role: "oauth-token-issuer" }],
  ["reverse-proxy", { role: "reverse-proxy" }],
  ["mediation", { role: "mediation", server: "medsvr01.contoso.net" }],
];

describe("PowerShell install scripts (golden)", () => {
  it.each(scriptCases)("%s", (name, request) => {
    const plan = planCertificate(exampleSite(), request);
    const script = installScript({
      plan,
      thumbprint: THUMBPRINT,
      friendlyName: `LyncCert ${name}`,
      pfxFileName: `${name}.pfx`,
      notAfter: new Date("2028-11-25T12:00:00Z"),
      requestId: `${name}-20261125-abcdef`,
      issuers: ISSUERS,
    });
    expect(script).not.toMatch(/[^\r]\n/);
    golden(`${name}.ps1`, script);
  });

  it("assigns exactly the planned -Type values; -PrivateKeyExportable $true (the Network Service account reads the key)", () => {
    const fe = installScript({
      plan: planCertificate(exampleSite(), { role: "front-end", server: "fe01.contoso.net", types: ["WebServicesExternal"] }),
      thumbprint: THUMBPRINT,
      friendlyName: "x",
      pfxFileName: "x.pfx",
      notAfter: new Date(),
      requestId: "r",
      issuers: [],
    });
    expect(fe).toContain("$pending = @('WebServicesExternal' | Where-Object { -not (Test-Assigned $_ @{}) })");
    expect(fe).toContain("-PrivateKeyExportable $true");
    expect(fe).not.toContain("-Roll");
  });
});

describe("certreq INF (golden)", () => {
  it.each([
    [
      "front-end-rsa2048",
      siteWith(() => {}),
      { role: "front-end", server: "fe02.contoso.net" } as PlanRequest,
      signingProfile("rsa2048", "sha256"),
      { O: "Contoso, Ltd", C: "US" },
    ],
    ["edge-external-aol-p256", siteWith((j) => (j.features.publicImAol = true)), { role: "edge-external" } as PlanRequest, signingProfile("p256", undefined), {}],
    ["oauth-rsa4096", siteWith(() => {}), { role: "oauth-token-issuer" } as PlanRequest, signingProfile("rsa4096", "sha384"), { O: "Contoso" }],
  ] as const)("%s", (name, site, request, profile, subject) => {
    const plan = planCertificate(site, { ...request, keyLocation: "server" });
    golden(`${name}.inf`, certreqInf({ plan, subject, profile, template: "WebServer", friendlyName: `LyncCert ${name}` }));
  });

  it("keys generated on the server stay non-exportable for internal roles (COMMON-INT-NONEXPORT)", () => {
    const plan = planCertificate(exampleSite(), { role: "mediation", server: "medsvr01.contoso.net", keyLocation: "server" });
    expect(certreqInf({ plan, subject: {}, profile: signingProfile("rsa2048", undefined), template: null, friendlyName: "m" })).toContain(
      "; COMMON-INT-NONEXPORT\r\nExportable = FALSE\r\n",
    );
  });
});

describe("withKeyOnServer: a stored plan turned into the same certificate with its key made on the server", () => {
  it.each(planRequestsForSite(exampleSite()).map((r) => [`${r.role} ${r.server ?? ""}`, r] as const))("%s: exportability as if planned for the server", (_name, request) => {
    const server = planCertificate(exampleSite(), { ...request, keyLocation: "server" });
    const moved = withKeyOnServer(planCertificate(exampleSite(), request));
    expect([moved.exportableKey, moved.exportableRules]).toEqual([server.exportableKey, server.exportableRules]);
  });
});

describe("certreq INF friendly names are unique in the computer store (COMMON-FRIENDLY-UNIQUE)", () => {
  it("they differ between renewals, and between the combined and the decoupled A/V Authentication certificates", () => {
    const site = exampleSite();
    const combined = planCertificate(site, { role: "edge-external" });
    const av = planCertificate(site, { role: "edge-external", types: ["AudioVideoAuthentication"] });
    const first = new Date("2026-06-01T09:30:00Z");
    const renewal = new Date("2026-11-20T14:05:00Z");
    const names = [requestFriendlyName(combined, first), requestFriendlyName(combined, renewal), requestFriendlyName(av, first)];
    expect(new Set(names).size).toBe(3);
    expect(names).toEqual([
      "LyncCert edge-external lsedge.contoso.net 2026-06-01 09:30",
      "LyncCert edge-external lsedge.contoso.net 2026-11-20 14:05",
      "LyncCert edge-external lsedge.contoso.net AudioVideoAuthentication 2026-06-01 09:30",
    ]);
  });
});
