import { promises as fs } from "node:fs";
import { InputError } from "../../shared/errors";
import { parseSite } from "../../shared/site/parse-site";
import type { Site } from "../../shared/site/site-types";

/** Reads and validates a site file; every error names the file and the field. */
export async function readSiteFile(path: string | undefined): Promise<Site> {
  if (!path) throw new InputError("--site FILE is required (a site file: see README, examples/contoso.site.json)", { field: "--site" });
  const text = await fs.readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: cannot read the site file (${e.code ?? e.message})`, { field: "--site" });
  });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${(e as Error).message})`, { field: "--site" });
  }
  return parseSite(json, path);
}
