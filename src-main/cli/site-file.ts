import { InputError } from "../../shared/errors";
import { MAX_SITE_FILE_BYTES, parseSite } from "../../shared/site/parse-site";
import type { Site } from "../../shared/site/site-types";
import { readInputFile } from "../services/files/input-file";

/** Reads and validates a site file; every error names the file and the field. */
export async function readSiteFile(path: string | undefined): Promise<Site> {
  if (!path) throw new InputError("--site FILE is required (a site file: see README, examples/contoso.site.json)", { field: "--site" });
  const text = (await readInputFile(path, { field: "--site", kind: "a site file", readAs: "the site file", maxBytes: MAX_SITE_FILE_BYTES })).toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${(e as Error).message})`, { field: "--site" });
  }
  return parseSite(json, path);
}
