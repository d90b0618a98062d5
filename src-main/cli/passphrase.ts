import { promises as fs } from "node:fs";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { InputError } from "../../shared/errors";
import { checkPassphrase } from "../services/keystore/passphrase-policy";
import type { CliIo } from "./command";

/**
 * The keystore passphrase from LYNCCERT_PASSPHRASE, --passphrase-file, or a prompt on a terminal
 * (asked twice when a new key is protected with it). Never printed.
 */
export async function readPassphrase(file: string | undefined, io: CliIo, confirm: boolean): Promise<string> {
  if (file) {
    const text = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`--passphrase-file ${file}: cannot read it (${e.code ?? e.message})`, { field: "--passphrase-file" });
    });
    return checkPassphrase(text, `--passphrase-file ${file}`);
  }
  if (io.env.LYNCCERT_PASSPHRASE !== undefined) return checkPassphrase(io.env.LYNCCERT_PASSPHRASE, "LYNCCERT_PASSPHRASE");
  if (!io.stdinIsTty) {
    throw new InputError("no keystore passphrase: set LYNCCERT_PASSPHRASE, pass --passphrase-file FILE, or run on a terminal to be asked", { field: "passphrase" });
  }
  const first = checkPassphrase(await prompt("Keystore passphrase: "), "passphrase");
  if (confirm && (await prompt("Again, to confirm: ")) !== first) throw new InputError("the two passphrases differ", { field: "passphrase" });
  return first;
}

function prompt(question: string): Promise<string> {
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
