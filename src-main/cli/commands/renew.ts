import { resolve } from "node:path";
import { parseKeySpec } from "../../../shared/crypto/key-spec";
import { InputError } from "../../../shared/errors";
import type { NameChanges } from "../../../shared/certificates/renewal";
import { COMMON_OPTIONS, type Command } from "../command";
import { readPassphrase } from "../passphrase";
import { readSiteFile } from "../site-file";
import { onePositional } from "./verify";
import { renewRequest } from "../../services/renew-service";
import { changeLines } from "../../../shared/certificates/renewal";
import { keystoreFrom } from "../store-option";

export const renewCommand: Command = {
  usage:
    "lynccert renew ID --site FILE --out FILE.req [--key rsa2048|rsa4096|p256|p384|p521] [--store DIR] [--passphrase-file F] [--crlf] [--force] [--json]\n" +
    "  The old request's subject details, signature and template are kept; its certificate stays in use until the new one is assigned.",
  options: {
    ...COMMON_OPTIONS,
    site: { type: "string" },
    out: { type: "string" },
    key: { type: "string" },
    store: { type: "string" },
    "passphrase-file": { type: "string" },
    crlf: { type: "boolean" },
    force: { type: "boolean" },
  },
  positionals: ["ID"],
  async run(values, positionals, io) {
    const id = onePositional(positionals);
    const site = await readSiteFile(values.site as string | undefined);
    if (!values.out) throw new InputError("--out FILE.req is required: where to save the renewal request for the CA", { field: "--out" });
    const key = values.key === undefined ? undefined : parseKeySpec(values.key as string);
    const passphrase = await readPassphrase(values["passphrase-file"] as string | undefined, io, true);
    const r = await renewRequest({
      store: keystoreFrom(values, io),
      id,
      site,
      passphrase,
      key,
      out: resolve(values.out as string),
      crlf: values.crlf === true,
      force: values.force === true,
    });
    if (values.json) io.out(JSON.stringify({ id: r.id, renews: r.renews, out: r.out, noteFile: r.noteFile ?? null, changes: r.changes, plan: r.plan }, null, 2));
    else
      io.out(
        `Request ${r.id} ${r.note ? "re-issues" : "renews"} ${r.renews}; saved to ${r.out}.${r.noteFile ? `\nFor the CA admin, what the old certificate lacked: ${r.noteFile}` : ""}\n${changesText(changeLines(r.changes), r.changes)}`,
      );
    return 0;
  },
};

/** What the renewal changes, and how to put it in place. */
function changesText(lines: string[], c: NameChanges): string {
  return [
    ...lines,
    c.roll
      ? `When the CA answers: import it, export with --ps1, and run the script with -Roll: the new certificate takes effect ${c.roll.hours} hours before the old one expires (${c.roll.rule}).`
      : "When the CA answers: import it and export it with --ps1; the script assigns it in place of the old one.",
  ].join("\n");
}
