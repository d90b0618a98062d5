import { parseArgs } from "node:util";
import { InputError, InputErrors } from "../../shared/errors";
import { terminalText } from "../../shared/text/plain-text";
import { systemError } from "../services/files/fs-errors";
import type { CliIo, OptionValues } from "./command";
import { COMMANDS } from "./command-index";

export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

function usage(): string {
  return ["Usage: lynccert <command> [options]   (lynccert <command> --help for its options)", "", ...COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`)].join("\n");
}

/** Runs one command line; returns the exit status. Errors are one line, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name ? EXIT.ok : EXIT.badInput;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`lynccert: unknown command "${terminalText(name)}"\n${usage()}`);
    return EXIT.badInput;
  }
  try {
    const command = await entry.load();
    const { values, positionals } = parseArgs({ args: [...rest], options: command.options, allowPositionals: (command.positionals?.length ?? 0) > 0, strict: true });
    if (values.help) {
      io.out(`${entry.summary}\n\nUsage: ${command.usage}`);
      return EXIT.ok;
    }
    return await command.run(values as OptionValues, positionals, io);
  } catch (thrown) {
    const error = systemError(thrown);
    const e = error as Error & { code?: string };
    if (error instanceof InputError || (typeof e.code === "string" && e.code.startsWith("ERR_PARSE_ARGS"))) {
      const lines = error instanceof InputErrors ? error.lines : [e.message];
      io.err(`lynccert ${entry.name}: ${lines.map(terminalText).join("\n")}`);
      return EXIT.badInput;
    }
    io.err(`lynccert ${entry.name}: unexpected error: ${terminalText(e.message)}`);
    return EXIT.failed;
  }
}
