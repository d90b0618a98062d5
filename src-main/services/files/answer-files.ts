import { promises as fs } from "node:fs";
import { extname, join } from "node:path";
import { InputError } from "../../../shared/errors";
import { MAX_CERTIFICATE_FILE_BYTES } from "../certificate-service";

/** What a CA hands back: certificates, chains and the odd PFX. Files named on the command line are read whatever their name. */
export const ANSWER_EXTENSIONS = [".cer", ".crt", ".pem", ".der", ".p7b", ".p7c", ".pfx", ".p12"];
/** A folder of answers is flat or shallow: its files and those of subfolders down to four levels below it. */
export const MAX_DEPTH = 4;
export const MAX_ANSWER_FILES = 5000;
/** All the files of one import together: thousands of answers are a few megabytes; more is a wrong folder or hostile. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface AnswerFiles {
  files: string[];
  /** What was passed over and why: a folder that cannot be read, one deeper than MAX_DEPTH. */
  skipped: { file: string; why: string; problem: boolean }[];
}

/**
 * The files to import: each file as given, and in each folder (and its subfolders down to MAX_DEPTH levels,
 * symbolic links to folders not followed) the files with a certificate extension, in name order. Limits on
 * the count and the total size are refused with the limit named.
 */
export async function answerFiles(paths: readonly string[]): Promise<AnswerFiles> {
  if (paths.length === 0) throw new InputError("give at least one FILE or DIR: the CA's answers (.cer, .crt, .pem, .p7b, .pfx)", { field: "FILE" });
  const found = new Set<string>();
  const skipped: AnswerFiles["skipped"] = [];
  let bytes = 0;
  const add = (file: string, size: number) => {
    if (found.has(file)) return;
    if (found.size >= MAX_ANSWER_FILES) throw new InputError(`more than ${MAX_ANSWER_FILES} files to import; name the folder of the CA's answers only`, { field: "FILE" });
    bytes += Math.min(size, MAX_CERTIFICATE_FILE_BYTES + 1);
    if (bytes > MAX_ANSWER_BYTES)
      throw new InputError(`the files to import come to more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB (at ${file}); name the folder of the CA's answers only`, { field: "FILE" });
    found.add(file);
  };
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      skipped.push({ file: dir, why: `folder not read (${e.code ?? e.message})`, problem: true });
      return [];
    });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path, depth + 1);
        else skipped.push({ file: path, why: `folder more than ${MAX_DEPTH} levels below the folder named: not read`, problem: true });
        continue;
      }
      if (!ANSWER_EXTENSIONS.includes(extname(entry.name).toLowerCase())) continue;
      const stat = entry.isFile() || entry.isSymbolicLink() ? await fs.stat(path).catch(() => undefined) : undefined;
      if (stat?.isFile()) add(path, stat.size);
    }
  };
  for (const path of paths) {
    const stat = await fs.stat(path).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`${path}: cannot read it (${e.code ?? e.message})`, { field: path });
    });
    if (stat.isDirectory()) await walk(path, 0);
    else add(path, stat.size);
  }
  return { files: [...found], skipped };
}
