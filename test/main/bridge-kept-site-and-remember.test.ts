import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "../../shared/bridge/bridge-contract";
import { createBridgeHandlers, type BridgeDeps } from "../../src-main/bridge/bridge-handlers";
import { Keystore } from "../../src-main/services/keystore/keystore";
import type { SecretVault } from "../../src-main/services/keystore/passphrase-memory";
import { edgeInternalRequestInput, exampleSiteJson } from "../helpers/sites";
import { ScriptedDialogs } from "../helpers/scripted-dialogs";
import { useTempDirs } from "../helpers/temp-dir";
import { testWorkerRunner } from "../helpers/worker";

const tempDir = useTempDirs();

function handlersIn(dir: string, vault?: SecretVault) {
  const deps: BridgeDeps = { store: new Keystore(join(dir, "store")), dialogs: new ScriptedDialogs(dir), now: () => new Date(), tasks: testWorkerRunner(), vault };
  return { handlers: createBridgeHandlers(deps), store: deps.store };
}

const request = (remember: "keychain" | "session") => edgeInternalRequestInput("the keystore's passphrase", remember);

describe("saveCurrentSite keeps sites only, and a bounded number of set-aside copies", () => {
  it("text that is not a site is refused and the kept site stays as it was", async () => {
    const dir = tempDir();
    const { handlers } = handlersIn(dir);
    const kept = JSON.stringify(exampleSiteJson());
    await handlers[CHANNELS.saveCurrentSite]({ text: kept });
    for (const text of ["not json at all", "[1, 2, 3]", '"a string"', '{"pools": "none"}', '{"password": "x"}']) {
      await expect(handlers[CHANNELS.saveCurrentSite]({ text })).rejects.toThrow("not a LyncCert site (a JSON object of the site file's fields); the kept site was not changed");
    }
    expect(readFileSync(join(dir, "store", "current-site.json"), "utf8")).toBe(kept);
    // A draft with problems is still a site being edited, and is kept.
    await handlers[CHANNELS.saveCurrentSite]({ text: '{"sipDomains": [], "pools": []}' });
  });

  it("200 saves over an unreadable kept file leave at most five set-aside copies", async () => {
    const dir = tempDir();
    const { handlers } = handlersIn(dir);
    const site = JSON.stringify(exampleSiteJson());
    await handlers[CHANNELS.saveCurrentSite]({ text: site });
    for (let i = 0; i < 200; i++) {
      writeFileSync(join(dir, "store", "current-site.json"), `damaged ${i}`);
      await handlers[CHANNELS.saveCurrentSite]({ text: site });
    }
    const aside = readdirSync(join(dir, "store")).filter((n) => n.startsWith("current-site.json.unreadable-"));
    expect(aside.length).toBeLessThanOrEqual(5);
    expect(aside.length).toBeGreaterThan(0);
  });
});

describe("an action that was done is reported as done", () => {
  it("'remember it' without an OS secret store is refused before any key is made", async () => {
    const dir = tempDir();
    const { handlers, store } = handlersIn(dir);
    await expect(handlers[CHANNELS.generateRequest](request("keychain"))).rejects.toThrow(/the operating system's secret store is not available here/);
    expect((await store.list()).requests).toEqual([]);
  });

  it("a secret store that fails while keeping it: the request is returned with a note, and made once", async () => {
    const dir = tempDir();
    const failing: SecretVault = {
      available: async () => true,
      encrypt: () => Promise.reject(new Error("the Keychain is locked")),
      decrypt: async () => "",
    };
    const { handlers, store } = handlersIn(dir, failing);
    const made = (await handlers[CHANNELS.generateRequest](request("keychain"))) as { id: string; rememberNote?: string };
    expect(made.id).toMatch(/^edge-internal-/);
    expect(made.rememberNote).toBe("Done, but the passphrase could not be remembered: the Keychain is locked");
    expect((await store.list()).requests.map((r) => r.record.id)).toEqual([made.id]);
  });
});
