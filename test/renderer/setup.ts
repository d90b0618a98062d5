import { EXAMPLE_SITE } from "../../src-renderer/lib/example-site";
import { vi } from "vitest";
import type { LyncCertBridge } from "../../shared/bridge/bridge-contract";
import { generated, newWizardState, wizard } from "../../src-renderer/lib/wizard-state.svelte";

/** A fake bridge whose verbs are spies; tests set the answers they need. */
export function fakeBridge(overrides: Partial<Record<keyof LyncCertBridge, (...args: any[]) => Promise<unknown>>> = {}) {
  const api = {
    openSite: vi.fn(async () => null),
    loadCurrentSite: vi.fn(async () => null),
    saveCurrentSite: vi.fn(async () => undefined),
    saveSite: vi.fn(async () => ({ paths: ["/tmp/site.json"] })),
    generateRequest: vi.fn(),
    saveRequestFile: vi.fn(async () => ({ paths: ["/tmp/x.req"] })),
    listRequests: vi.fn(async () => []),
    verifyCertificate: vi.fn(),
    importCertificate: vi.fn(),
    checkRequest: vi.fn(),
    exportPfx: vi.fn(async () => ({ paths: ["/tmp/x.pfx", "/tmp/x.ps1"] })),
    exportPem: vi.fn(async () => ({ paths: ["/tmp/x.pem"] })),
    saveInf: vi.fn(async () => ({ paths: ["/tmp/x.inf"] })),
    importTopology: vi.fn(async () => null),
    saveCsv: vi.fn(async () => ({ paths: ["/tmp/topology.csv"] })),
    probeEndpoint: vi.fn(),
    importAnswers: vi.fn(async () => null),
    planKits: vi.fn(async () => ({ kits: [], damaged: [] })),
    buildKits: vi.fn(async () => null),
    showInFolder: vi.fn(async () => undefined),
    showWritten: vi.fn(async () => undefined),
    planRenewal: vi.fn(),
    passphraseMemory: vi.fn(async () => ({ remembered: "no", keychainAvailable: false })),
    forgetPassphrase: vi.fn(async () => undefined),
    renewRequest: vi.fn(),
    openDocumentation: vi.fn(async () => undefined),
    ...Object.fromEntries(Object.entries(overrides).map(([k, f]) => [k, vi.fn(f)])),
  };
  (window as unknown as { lynccert: unknown }).lynccert = api;
  return api;
}

/** A fresh wizard on the example site (a first start is empty; these tests walk the example). */
export function resetWizard(): void {
  localStorage.clear();
  Object.assign(wizard, newWizardState(), { siteDraft: structuredClone(EXAMPLE_SITE) });
  generated.id = null;
}
