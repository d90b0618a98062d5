import type { SecretVault } from "../services/keystore/passphrase-memory";

/**
 * The part of Electron's safeStorage the vault uses: the asynchronous API (electronjs.org/docs/api/safe-storage,
 * Electron 45), since the synchronous one is removed in Electron 46.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string }>;
  getSelectedStorageBackend?(): string;
}

/**
 * The OS secret store behind a remembered passphrase: DPAPI on Windows, the Keychain on macOS, a desktop
 * secret service on Linux. Where Linux has none, Electron falls back to a hard-coded key ("basic_text"),
 * which protects nothing: counted as unavailable.
 */
export function safeStorageVault(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretVault {
  return {
    available: async () => (await storage.isAsyncEncryptionAvailable()) && !(platform === "linux" && storage.getSelectedStorageBackend?.() === "basic_text"),
    encrypt: (text) => storage.encryptStringAsync(text),
    decrypt: async (data) => (await storage.decryptStringAsync(data)).result,
  };
}
