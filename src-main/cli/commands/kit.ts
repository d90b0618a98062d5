import { makeOutputFolder } from "../../services/files/output-folder";
import { InputError } from "../../../shared/errors";
import { pfxProfileOption } from "../pfx-profile-option";
import { COMMON_OPTIONS, type Command } from "../command";
import { readExportPassword, readPassphrase } from "../passphrase";
import { readSiteFile } from "../site-file";
import { textTable } from "../text-table";
import { buildKits } from "../../services/kit-service";
import { KIT_TABLE_HEAD, kitTableRows, kitTotals } from "../../../shared/kit/kit-summary";
import { keystoreFrom } from "../store-option";

export const kitCommand: Command = {
  usage:
    "lynccert kit --site FILE --out-dir DIR [--profile compat|modern] [--allow-ecdsa] [--store DIR] [--password-file F] [--passphrase-file F] [--json]\n" +
    "  One folder per server (named by its FQDN; reverse-proxy for the reverse proxy) and kit-summary.csv in DIR.\n" +
    "  Exit 1 when any server's kit is incomplete (a certificate not requested, not answered, needing re-issue).\n" +
    "  --allow-ecdsa takes an ECDSA certificate where no RSA one is usable: Skype for Business Server 2015 and later only (LC-ECDSA-CNG).",
  options: {
    ...COMMON_OPTIONS,
    site: { type: "string" },
    "out-dir": { type: "string" },
    profile: { type: "string" },
    "allow-ecdsa": { type: "boolean" },
    store: { type: "string" },
    "password-file": { type: "string" },
    "passphrase-file": { type: "string" },
  },
  async run(values, _positionals, io) {
    const site = await readSiteFile(values.site as string | undefined);
    if (!values["out-dir"]) throw new InputError("--out-dir DIR is required: where the kits go (a folder per server)", { field: "--out-dir" });
    const profile = pfxProfileOption(values);
    const keystorePassphrase = await readPassphrase(values["passphrase-file"] as string | undefined, io, false);
    const password = await readExportPassword(values["password-file"] as string | undefined, io, true);
    const outDir = await makeOutputFolder(values["out-dir"] as string, "--out-dir");
    const result = await buildKits({
      site,
      store: keystoreFrom(values, io),
      outDir,
      keystorePassphrase,
      password,
      profile,
      at: new Date(),
      allowEcdsa: values["allow-ecdsa"] === true,
    });
    const totals = kitTotals(result.kits);
    if (values.json) io.out(JSON.stringify({ ...result, totals }, null, 2));
    else {
      const rows = kitTableRows(result.kits).map((r) => r.map((cell, i) => (i === 4 ? cell || "-" : cell)));
      io.out(
        [
          textTable(KIT_TABLE_HEAD, rows),
          "",
          `${totals.complete} of ${totals.servers} server kits complete; ${totals.ready} of ${totals.certificates} certificates ready. Written to ${result.outDir} (${result.files} files; summary ${result.summaryFile}).`,
          ...result.damaged.map((d) => `Damaged keystore entry, not used: ${d}`),
        ].join("\n"),
      );
    }
    return totals.complete === totals.servers ? 0 : 1;
  },
};
