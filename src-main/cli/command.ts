import type { ParseArgsConfig } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;
export type OptionValues = Record<string, string | boolean | undefined>;

export interface CliIo {
  out: (text: string) => void;
  /** `newline: false` redraws a progress line in place. */
  err: (text: string, options?: { newline: boolean }) => void;
  env: NodeJS.ProcessEnv;
  stdinIsTty: boolean;
  stderrIsTty?: boolean;
}

/** How a command runs; its name and summary are in the command index, which `--help` reads alone. */
export interface Command {
  usage: string;
  options: OptionSpec;
  /** Positional arguments the command takes (names, for help and checking). */
  positionals?: string[];
  run(values: OptionValues, positionals: string[], io: CliIo): Promise<number>;
}

/** Options every command shares. */
export const COMMON_OPTIONS: OptionSpec = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
};
