import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "../../shared/bridge/bridge-contract";
import { createBridgeHandlers } from "../../src-main/bridge/bridge-handlers";
import { safeStorageVault } from "../../src-main/electron/safe-storage-vault";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { PassphraseMemory, type SecretVault } from "../../src-main/services/keystore/passphrase-memory";
import { edgeInternalRequestInput } from "../helpers/sites";
import { ScriptedDialogs } from "../helpers/scripted-dialogs";
import { useTempDirs } from "../helpers/temp-dir";
import { testWorkerRunner } from "../helpers/worker";

const tempDir = useTempDirs();
/** Stands in for DPAPI / the Keychain: reversible, and never the plain text on disk. */
const fakeVault = (available = true): SecretVault => ({
  available: async () => available,
  encrypt: async (text) => Buffer.from(Buffer.from(text, "utf8").map((b) => b ^ 0x5a)),
  decrypt: async (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString("utf8"),
});

describe("PassphraseMemory: the keystore passphrase kept in main, only when asked", () => {
  it("nothing remembered asks for it; 'session' keeps it in memory only; 'keychain' also through the OS store, across restarts, until forgotten", async () => {
    const dir = tempDir();
    const file = join(dir, "passphrase.os-protected");
    const memory = new PassphraseMemory(file, fakeVault());
    await expect(memory.resolve("")).rejects.toThrow("enter the keystore passphrase: none is remembered");
    await memory.keep("typed once", "no");
    await expect(memory.resolve("")).rejects.toThrow();
    await memory.keep("typed once", "session");
    expect(await memory.resolve("")).toBe("typed once");
    expect(existsSync(file)).toBe(false);
    expect(await memory.state()).toEqual({ remembered: "session", keychainAvailable: true });

    await memory.keep("kept by the OS", "keychain");
    expect(readFileSync(file).includes(Buffer.from("kept by the OS"))).toBe(false);
    const afterRestart = new PassphraseMemory(file, fakeVault());
    expect(await afterRestart.state()).toEqual({ remembered: "keychain", keychainAvailable: true });
    expect(await afterRestart.resolve("")).toBe("kept by the OS");
    expect(await afterRestart.resolve("typed instead")).toBe("typed instead");
    await afterRestart.forget();
    expect(existsSync(file)).toBe(false);
    await expect(afterRestart.resolve("")).rejects.toThrow();
  });

  it("without an OS store, 'keychain' is refused with the reason, and the session keeps it", async () => {
    const memory = new PassphraseMemory(join(tempDir(), "p"), fakeVault(false));
    await expect(memory.keep("pw-pw-pw-pw", "keychain")).rejects.toThrow("the operating system's secret store is not available here");
    expect(await memory.resolve("")).toBe("pw-pw-pw-pw");
  });

  it("safeStorage on Linux without a secret service (basic_text) counts as no OS store; only the asynchronous API is used (the synchronous one goes in Electron 46)", async () => {
    const storage = {
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (t: string) => Buffer.from(t),
      decryptStringAsync: async (b: Buffer) => ({ result: b.toString(), shouldReEncrypt: false }),
      getSelectedStorageBackend: () => "basic_text",
    };
    expect(await safeStorageVault(storage, "linux").available()).toBe(false);
    expect(await safeStorageVault({ ...storage, getSelectedStorageBackend: () => "gnome_libsecret" }, "linux").available()).toBe(true);
    expect(await safeStorageVault(storage, "win32").available()).toBe(true);
    const vault = safeStorageVault(storage, "win32");
    expect(await vault.decrypt(await vault.encrypt("pässphrase"))).toBe("pässphrase");
  });

  it("through the bridge: a passphrase is remembered only after it opened the keystore, never a typo", async () => {
    const dir = tempDir();
    const handlers = createBridgeHandlers({
      store: new Keystore(join(dir, "store")),
      dialogs: new ScriptedDialogs(dir),
      now: () => new Date(),
      tasks: testWorkerRunner(),
      vault: fakeVault(),
    });
    const request = edgeInternalRequestInput;
    await handlers[CHANNELS.generateRequest](request("the keystore's passphrase", "no"));
    await expect(handlers[CHANNELS.generateRequest](request("a typo'd passphrase", "session"))).rejects.toThrow(/^wrong keystore passphrase: it does not open the key of request /);
    expect(await handlers[CHANNELS.passphraseMemory](undefined)).toEqual({ remembered: "no", keychainAvailable: true });
    await handlers[CHANNELS.generateRequest](request("the keystore's passphrase", "session"));
    expect(await handlers[CHANNELS.passphraseMemory](undefined)).toEqual({ remembered: "session", keychainAvailable: true });
    await handlers[CHANNELS.generateRequest](request("", "no"));
    await handlers[CHANNELS.forgetPassphrase](undefined);
    await expect(handlers[CHANNELS.generateRequest](request("", "no"))).rejects.toThrow("enter the keystore passphrase: none is remembered");
  });
});
