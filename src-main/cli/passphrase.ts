import { InputError } from "../../shared/errors";
import { checkPfxPassword } from "../../shared/export/pfx-profile";
import { readInputFile, utf8Text } from "../services/files/input-file";
import { checkPassphrase } from "../services/keystore/passphrase-policy";
import type { CliIo } from "./command";

interface SecretSource {
  file: string | undefined;
  fileOption: string;
  envVar: string;
  prompt: string;
  confirm: boolean;
  check: (value: string, source: string) => string;
}

/** A secret from a file, an environment variable, or a prompt on a terminal; never printed. */
async function readSecret(s: SecretSource, io: CliIo): Promise<string> {
  if (s.file) {
    // Not UTF-8 is refused: decoding would turn each bad byte into U+FFFD, so two different passphrases
    // would open each other's keys, and openssl (which takes the bytes) could open neither.
    const text = utf8Text(await readInputFile(s.file, { field: s.fileOption, kind: "a passphrase file", maxBytes: 64 * 1024 }), s.file, s.fileOption);
    return s.check(text.replace(/\r?\n$/, ""), `${s.fileOption} ${s.file}`);
  }
  const fromEnv = io.env[s.envVar];
  if (fromEnv !== undefined) return s.check(fromEnv, s.envVar);
  if (!io.stdinIsTty) throw new InputError(`no ${s.prompt.toLowerCase()}: set ${s.envVar}, pass ${s.fileOption} FILE, or run on a terminal to be asked`, { field: s.fileOption });
  const first = s.check(await prompt(`${s.prompt}: `), s.prompt);
  if (s.confirm && (await prompt("Again, to confirm: ")) !== first) throw new InputError(`the two entries of the ${s.prompt.toLowerCase()} differ`, { field: s.fileOption });
  return first;
}

/** The keystore passphrase (asked twice when it protects a new key). */
export function readPassphrase(file: string | undefined, io: CliIo, confirm: boolean): Promise<string> {
  return readSecret({ file, fileOption: "--passphrase-file", envVar: "LYNCCERT_PASSPHRASE", prompt: "Keystore passphrase", confirm, check: checkPassphrase }, io);
}

/** The password that protects an exported PFX or PEM key (asked twice: a typo would lock the file). */
export function readExportPassword(file: string | undefined, io: CliIo, confirm: boolean): Promise<string> {
  return readSecret({ file, fileOption: "--password-file", envVar: "LYNCCERT_PFX_PASSWORD", prompt: "PFX password", confirm, check: confirm ? checkPfxPassword : (v) => v }, io);
}

/** Asks on the terminal without echo; readline and streams load only here, not at every start. */
async function prompt(question: string): Promise<string> {
  const [{ createInterface }, { Writable }] = await Promise.all([import("node:readline"), import("node:stream")]);
  process.stderr.write(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question("", (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
  });
}
