import { promises as fs } from "node:fs";
import { InputError } from "../../../shared/errors";

export interface InputFileOptions {
  /** Reported as the error's field: the option or argument that named the file. */
  field: string;
  /** What the file should be, for the size message ("a certificate file"). */
  kind: string;
  /** How the read failure names it ("cannot read the site file"); "it" when the path says enough. */
  readAs?: string;
  /** Refused before reading, so a huge file is never loaded into memory. */
  maxBytes: number;
}

/** Reads a file the admin named; a missing, unreadable, non-regular or oversized one is an InputError naming it. */
export async function readInputFile(path: string, o: InputFileOptions): Promise<Buffer> {
  const fail = (e: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: cannot read ${o.readAs ?? "it"} (${e.code ?? e.message})`, { field: o.field });
  };
  const stat = await fs.stat(path).catch(fail);
  if (!stat.isFile()) throw new InputError(`${path}: is not a file`, { field: o.field });
  if (stat.size > o.maxBytes) throw new InputError(`${path}: ${stat.size} bytes is too large for ${o.kind}`, { field: o.field });
  return fs.readFile(path).catch(fail);
}

/** The file's text; bytes that are not UTF-8 are refused rather than turned into U+FFFD. */
export function utf8Text(bytes: Uint8Array, path: string, field: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: is not UTF-8 text`, { field });
  }
}
