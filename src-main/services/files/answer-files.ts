import { promises as fs } from "node:fs";
import { extname, join } from "node:path";
import { InputError } from "../../../shared/errors";
import { pathError } from "./fs-errors";

/** What a CA hands back: certificates, chains and the odd PFX. Files named on the command line are read whatever their name. */
export const ANSWER_EXTENSIONS = [".cer", ".crt", ".pem", ".der", ".p7b", ".p7c", ".pfx", ".p12"];
/** A folder of answers is flat or shallow; deeper trees, and more files than this, are a mistake or hostile. */
const MAX_DEPTH = 4;
export const MAX_ANSWER_FILES = 5000;

/**
 * The files to import: each file as given, and in each folder (and its subfolders, symbolic links to folders
 * not followed) the files with a certificate extension, in name order.
 */
export async function answerFiles(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw new InputError("give at least one FILE or DIR: the CA's answers (.cer, .crt, .pem, .p7b, .pfx)", { field: "FILE" });
  const found: string[] = [];
  const add = (file: string) => {
    if (found.length >= MAX_ANSWER_FILES) throw new InputError(`more than ${MAX_ANSWER_FILES} files to import; name the folder of the CA's answers only`, { field: "FILE" });
    found.push(file);
  };
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch((e) => {
      throw pathError(e, dir, "read the folder", dir);
    });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path, depth + 1);
      } else if (
        (entry.isFile() || (entry.isSymbolicLink() && (await fs.stat(path).catch(() => undefined))?.isFile())) &&
        ANSWER_EXTENSIONS.includes(extname(entry.name).toLowerCase())
      ) {
        add(path);
      }
    }
  };
  for (const path of paths) {
    const stat = await fs.stat(path).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`${path}: cannot read it (${e.code ?? e.message})`, { field: path });
    });
    if (stat.isDirectory()) await walk(path, 1);
    else add(path);
  }
  return [...new Set(found)];
}
