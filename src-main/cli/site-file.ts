import { parseJsonText } from "../../shared/codec/json-text";
import { InputError } from "../../shared/errors";
import { MAX_SITE_FILE_BYTES, parseSite } from "../../shared/site/parse-site";
import type { Site } from "../../shared/site/site-types";
import { readInputFile, utf8Text } from "../services/files/input-file";

/** Reads and validates a site file; every error names the file and the field. */
export async function readSiteFile(path: string | undefined): Promise<Site> {
  if (!path) throw new InputError("--site FILE is required (a site file: see README, examples/contoso.site.json)", { field: "--site" });
  const text = utf8Text(await readInputFile(path, { field: "--site", kind: "a site file", readAs: "the site file", maxBytes: MAX_SITE_FILE_BYTES }), path, "--site");
  return parseSite(parseJsonText(text, path, "--site"), path);
}
