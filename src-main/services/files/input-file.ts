import { constants, promises as fs } from "node:fs";
import { InputError } from "../../../shared/errors";

export interface InputFileOptions {
  /** Reported as the error's field: the option or argument that named the file. */
  field: string;
  /** What the file should be, for the size message ("a certificate file"). */
  kind: string;
  /** How the read failure names it ("cannot read the site file"); "it" when the path says enough. */
  readAs?: string;
  /** Never more is read, so a huge file (or one that grows, or a device) is never loaded into memory. */
  maxBytes: number;
}

/**
 * Reads a file the admin named; a missing, unreadable, non-regular or oversized one is an InputError naming it.
 * The file is opened once and the open handle is checked and read: a path that is swapped between a check and
 * a read (a symbolic link flipped to a FIFO or /dev/zero) cannot hang the read or fill memory. O_NONBLOCK makes
 * opening a FIFO return at once instead of waiting for a writer.
 */
export async function readInputFile(path: string, o: InputFileOptions): Promise<Buffer> {
  const fail = (e: NodeJS.ErrnoException): never => {
    throw new InputError(`${path}: cannot read ${o.readAs ?? "it"} (${e.code ?? e.message})`, { field: o.field });
  };
  const handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(fail);
  try {
    const stat = await handle.stat().catch(fail);
    if (!stat.isFile()) throw new InputError(`${path}: is not a file`, { field: o.field });
    if (stat.size > o.maxBytes) throw new InputError(`${path}: ${stat.size} bytes is too large for ${o.kind} (limit ${o.maxBytes})`, { field: o.field });
    // Read to the end but never past one byte over the limit, so a file that grew since fstat is refused, not cut short.
    const chunks: Buffer[] = [];
    let length = 0;
    for (let want = Math.min(stat.size + 1, o.maxBytes + 1); want > 0; want = Math.min(64 * 1024, o.maxBytes + 1 - length)) {
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, length).catch(fail);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > o.maxBytes) throw new InputError(`${path}: more than ${o.maxBytes} bytes is too large for ${o.kind}`, { field: o.field });
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

/** The file's text; bytes that are not UTF-8 are refused rather than turned into U+FFFD. */
export function utf8Text(bytes: Uint8Array, path: string, field: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: is not UTF-8 text`, { field });
  }
}
