import type { SecretVault } from "../services/keystore/passphrase-memory";

/** The part of Electron's safeStorage the vault uses (electronjs.org/docs/api/safe-storage, Electron 41). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/**
 * The OS secret store behind a remembered passphrase: DPAPI on Windows, the Keychain on macOS, a desktop
 * secret service on Linux. Where Linux has none, Electron falls back to a hard-coded key ("basic_text"),
 * which protects nothing: counted as unavailable. (The synchronous API is deprecated for removal in Electron 46.)
 */
export function safeStorageVault(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretVault {
  return {
    available: () => storage.isEncryptionAvailable() && !(platform === "linux" && storage.getSelectedStorageBackend?.() === "basic_text"),
    encrypt: (text) => storage.encryptString(text),
    decrypt: (data) => storage.decryptString(data),
  };
}
