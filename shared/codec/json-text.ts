import { InputError } from "../errors";

/**
 * Parses JSON the admin supplied. The error names the file, line and column, never the text itself:
 * JSON.parse quotes the input in its message, and the wrong file may be a passphrase file.
 */
export function parseJsonText(text: string, source: string, field = source): unknown {
  const body = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(body);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    const where = at ? ` at ${lineAndColumn(body, Number(at[1]))}` : "";
    throw new InputError(`${source}: not valid JSON${where}`, { field });
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}
