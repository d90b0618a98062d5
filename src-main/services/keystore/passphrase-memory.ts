import { promises as fs } from "node:fs";
import { InputError } from "../../../shared/errors";
import { writeFileAtomic } from "../files/atomic-write";

/** The operating system's secret store, as Electron's safeStorage offers it (DPAPI on Windows, Keychain on macOS). */
export interface SecretVault {
  available(): Promise<boolean>;
  encrypt(text: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
}

/** no: asked at each action; session: kept in main's memory until the app quits; keychain: also kept encrypted by the OS. */
export type Remember = "no" | "session" | "keychain";

export interface MemoryState {
  remembered: Remember;
  keychainAvailable: boolean;
}

/**
 * The keystore passphrase, remembered in the main process when the admin asks: the renderer never holds it
 * between actions. It is kept only after an action it opened keys for succeeded, so a typo is never remembered.
 */
export class PassphraseMemory {
  private session: string | undefined;

  constructor(
    private readonly file: string,
    private readonly vault: SecretVault | undefined,
  ) {}

  private async keychainAvailable(): Promise<boolean> {
    return (await this.vault?.available()) ?? false;
  }

  /** Why the passphrase cannot be kept as asked, said before an action so that the admin chooses before anything is done. */
  async refusal(how: Remember | undefined): Promise<InputError | undefined> {
    if (how !== "keychain" || (await this.keychainAvailable())) return undefined;
    return new InputError("the operating system's secret store is not available here: choose to remember the passphrase until LyncCert closes, or not at all", {
      field: "remember",
    });
  }

  async state(): Promise<MemoryState> {
    const keychainAvailable = await this.keychainAvailable();
    if (this.session !== undefined) return { remembered: (await this.stored()) ? "keychain" : "session", keychainAvailable };
    return { remembered: (await this.fromKeychain()) !== undefined ? "keychain" : "no", keychainAvailable };
  }

  /** The passphrase given, or the one remembered when none is given. */
  async resolve(given: string): Promise<string> {
    if (given !== "") return given;
    const remembered = this.session ?? (await this.fromKeychain());
    if (remembered === undefined) throw new InputError("enter the keystore passphrase: none is remembered", { field: "passphrase" });
    this.session = remembered;
    return remembered;
  }

  /** After an action the passphrase opened keys for: keep it as the admin chose. */
  async keep(passphrase: string, how: Remember | undefined): Promise<void> {
    if (!how || how === "no") return;
    this.session = passphrase;
    if (how === "keychain") {
      if (!(await this.keychainAvailable()))
        throw new InputError("the operating system's secret store is not available here; the passphrase is remembered for this session only", { field: "remember" });
      await writeFileAtomic(this.file, await this.vault!.encrypt(passphrase), { overwrite: true, mode: 0o600 });
    }
  }

  async forget(): Promise<void> {
    this.session = undefined;
    await fs.rm(this.file, { force: true });
  }

  private async stored(): Promise<Buffer | undefined> {
    return fs.readFile(this.file).catch(() => undefined);
  }

  private async fromKeychain(): Promise<string | undefined> {
    const data = await this.stored();
    if (!data || !(await this.keychainAvailable())) return undefined;
    try {
      return await this.vault!.decrypt(data);
    } catch {
      return undefined;
    }
  }
}
