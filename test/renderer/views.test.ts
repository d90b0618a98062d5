import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it } from "vitest";
import type { Finding } from "../../shared/validator/finding";
import Findings from "../../src-renderer/components/Findings.svelte";
import ExportView from "../../src-renderer/views/ExportView.svelte";
import ImportView from "../../src-renderer/views/ImportView.svelte";
import RequestsView from "../../src-renderer/views/RequestsView.svelte";
import { fakeBridge, resetWizard } from "./setup";

beforeEach(() => resetWizard());

const ROW = {
  id: "front-end-fe01-20261125-abcdef",
  status: "issued",
  role: "front-end",
  server: "fe01.contoso.net",
  cn: "pool01.contoso.net",
  types: ["Default"],
  key: "rsa2048",
  createdAt: "2026-11-25T10:00:00Z",
  notAfter: "2099-01-01T00:00:00Z",
  thumbprint: "AB",
  errors: 0,
  warnings: 0,
  findings: [],
};

describe("findings checklist", () => {
  it("puts errors first and leaves out rules that do not apply", () => {
    const findings: Finding[] = [
      { rule: "COMMON-CDP", status: "pass", message: "ok", field: "" },
      { rule: "LC-CDP-LDAP-ONLY", status: "na", message: "n/a", field: "" },
      { rule: "FE-DEFAULT-SAN-SERVER", status: "error", message: "SAN is missing fe01", field: "subjectAltName" },
      { rule: "X509-VALIDITY", status: "warning", message: "expires soon", field: "" },
    ];
    render(Findings, { findings });
    expect(screen.getAllByRole("listitem").map((li) => li.className)).toEqual(["error", "warning", "pass"]);
  });
});

describe("requests view", () => {
  it("lists requests with their state and an export action for issued ones", async () => {
    const api = fakeBridge({ listRequests: async () => [ROW, { ...ROW, id: "edge-internal-lsedge-20261125-111111", status: "pending", notAfter: null, thumbprint: null }] });
    let exported = "";
    render(RequestsView, { onexport: (id: string) => (exported = id) });
    await screen.findByText("front-end-fe01-20261125-abcdef");
    expect(screen.getByText("waiting for the CA")).toBeTruthy();
    expect(screen.getByText("valid")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Export…" }));
    expect(exported).toBe(ROW.id);
    await fireEvent.click(screen.getByRole("button", { name: "Save .req…" }));
    expect(api.saveRequestFile).toHaveBeenCalledWith("edge-internal-lsedge-20261125-111111");
    await screen.findByText("Saved /tmp/x.req");
  });
});

describe("import and verify view", () => {
  it("sends the chosen file's bytes, then draws the chain and the names against the plan", async () => {
    const api = fakeBridge({
      importCertificate: async () => ({
        kind: "answer" as const,
        certificate: {
          subject: "CN=pool01.contoso.net",
          issuer: "CN=CA",
          serial: "01",
          notBefore: "2026-11-01T00:00:00Z",
          notAfter: "2027-11-01T00:00:00Z",
          san: ["pool01.contoso.net"],
          keyAlgorithm: "RSA 2048",
          signatureAlgorithm: "sha256WithRSAEncryption",
          thumbprint: "AB",
          spkiSha256: "",
        },
        chain: ["CN=pool01.contoso.net", "CN=CA"],
        rootIncluded: true,
        issuerMissing: null,
        findings: [{ rule: "FE-DEFAULT-SAN-SERVER", status: "error", message: "SAN is missing fe01.contoso.net", field: "subjectAltName" }],
        errors: 1,
        warnings: 0,
        skipped: undefined,
        requestId: ROW.id,
        current: true,
        plan: {
          san: [
            { name: "pool01.contoso.net", rules: ["FE-DEFAULT-SAN-POOL"] },
            { name: "fe01.contoso.net", rules: ["FE-DEFAULT-SAN-SERVER"] },
          ],
        },
      }),
    });
    render(ImportView, { onexport: () => {} });
    const file = new File([new Uint8Array([0x30, 0x82, 0x01])], "fe01.cer");
    await fireEvent.change(screen.getByLabelText("Choose a certificate file"), { target: { files: [file] } });
    await screen.findByText(/Attached to request/);
    expect(api.importCertificate).toHaveBeenCalledWith({ fileName: "fe01.cer", base64: "MIIB" });
    expect(screen.getByRole("list", { name: "Certificate chain, leaf to root" }).textContent).toContain("Root: CN=CA");
    expect(document.querySelector(".sandiff .missing")!.textContent).toContain("fe01.contoso.net");
    expect(screen.queryByRole("button", { name: "Export for the server…" })).toBeNull();
  });
});

describe("import and verify view: a request made elsewhere", () => {
  it("is recognised and checked against the role chosen in New request, never imported", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lynccert-renderer-"));
    execFileSync("openssl", ["req", "-new", "-newkey", "rsa:2048", "-noenc", "-keyout", join(dir, "k.pem"), "-out", join(dir, "x.req"), "-subj", "/CN=pool01.contoso.net"], {
      stdio: "ignore",
    });
    const api = fakeBridge({
      checkRequest: async () => ({
        request: { subject: "CN=pool01.contoso.net", san: [], keyAlgorithm: "RSA 2048", signatureAlgorithm: "sha256WithRSAEncryption", template: null },
        findings: [{ rule: "FE-DEFAULT-SAN-SERVER", status: "error", message: "SAN is missing fe01.contoso.net: the CA would have to add it", field: "subjectAltName" }],
        errors: 1,
        warnings: 0,
        skipped: undefined,
      }),
    });
    render(ImportView, { onexport: () => {} });
    const file = new File([readFileSync(join(dir, "x.req"))], "x.req");
    await fireEvent.change(screen.getByLabelText("Choose a certificate file"), { target: { files: [file] } });
    await screen.findByText(/is a certificate request, checked for the Front End Server \(Enterprise pool member\) certificate/);
    expect(screen.getByRole("status").textContent).toContain("do not submit it");
    expect(api.checkRequest).toHaveBeenCalledWith(expect.objectContaining({ fileName: "x.req", planRequest: expect.objectContaining({ role: "front-end" }) }));
    expect(api.importCertificate).not.toHaveBeenCalled();
  });
});

describe("export view", () => {
  it("preselects the Windows Server 2008 R2 – 2016 profile with its reason and needs both passwords", async () => {
    const api = fakeBridge({ listRequests: async () => [ROW] });
    render(ExportView, { initialId: ROW.id });
    await waitFor(() => expect((screen.getByLabelText("Certificate") as HTMLSelectElement).value).toBe(ROW.id));
    expect((screen.getByLabelText("Windows Server 2008 R2 – 2016") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/reject AES-encrypted PFX files with a misleading/)).toBeTruthy();
    const button = screen.getByRole("button", { name: "Export PFX…" }) as HTMLButtonElement;
    await fireEvent.input(screen.getByLabelText("Keystore passphrase"), { target: { value: "keystore-pass" } });
    await fireEvent.input(screen.getByLabelText(/^PFX password \(at least/), { target: { value: "short" } });
    expect(button.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText(/^PFX password \(at least/), { target: { value: "a-long-pfx-password" } });
    await fireEvent.input(screen.getByLabelText("PFX password again"), { target: { value: "a-long-pfx-password" } });
    await fireEvent.click(button);
    expect(api.exportPfx).toHaveBeenCalledWith({
      id: ROW.id,
      exportAnyway: false,
      profile: "compat",
      includeRoot: false,
      passphrase: "keystore-pass",
      remember: "no",
      password: "a-long-pfx-password",
      withScript: true,
    });
    await screen.findByText(/^Written: \/tmp\/x\.pfx, \/tmp\/x\.ps1/);
  });
});
