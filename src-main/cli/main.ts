import { parseArgs } from "node:util";
import { InputError, InputErrors } from "../../shared/errors";
import { terminalText } from "../../shared/text/plain-text";
import type { CliIo, Command, OptionValues } from "./command";
import { exportCommand } from "./commands/export";
import { importCommand } from "./commands/import";
import { infCommand } from "./commands/inf";
import { kitCommand } from "./commands/kit";
import { inspectCommand } from "./commands/inspect";
import { listCommand } from "./commands/list";
import { planCommand } from "./commands/plan";
import { probeCommand } from "./commands/probe";
import { renewCommand } from "./commands/renew";
import { requestCommand } from "./commands/request";
import { rolesCommand } from "./commands/roles";
import { topologyCommand } from "./commands/topology";
import { verifyCommand } from "./commands/verify";

export const COMMANDS: readonly Command[] = [
  rolesCommand,
  planCommand,
  requestCommand,
  renewCommand,
  listCommand,
  verifyCommand,
  importCommand,
  exportCommand,
  kitCommand,
  inspectCommand,
  infCommand,
  topologyCommand,
  probeCommand,
];

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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`lynccert: unknown command "${terminalText(name)}"\n${usage()}`);
    return EXIT.badInput;
  }
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: command.options, allowPositionals: (command.positionals?.length ?? 0) > 0, strict: true });
    if (values.help) {
      io.out(`${command.summary}\n\nUsage: ${command.usage}`);
      return EXIT.ok;
    }
    return await command.run(values as OptionValues, positionals, io);
  } catch (error) {
    const e = error as Error & { code?: string };
    if (error instanceof InputError || (typeof e.code === "string" && e.code.startsWith("ERR_PARSE_ARGS"))) {
      const lines = error instanceof InputErrors ? error.lines : [e.message];
      io.err(`lynccert ${command.name}: ${lines.map(terminalText).join("\n")}`);
      return EXIT.badInput;
    }
    io.err(`lynccert ${command.name}: unexpected error: ${terminalText(e.message)}`);
    return EXIT.failed;
  }
}
