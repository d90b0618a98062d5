import { resolve } from "node:path";
import { InputError } from "../../../shared/errors";
import { PFX_PROFILES } from "../../../shared/export/pfx-profile";
import { pfxProfileOption } from "../pfx-profile-option";
import { COMMON_OPTIONS, type Command } from "../command";
import { readExportPassword, readPassphrase } from "../passphrase";
import { onePositional } from "./verify";
import { exportPem, exportPfx } from "../../services/export-service";
import { keystoreFrom } from "../store-option";

export const exportCommand: Command = {
  usage:
    "lynccert export ID [--store DIR] (--pfx FILE [--profile compat|modern] [--include-root] | --pem FILE [--with-key [--unencrypted-key]])\n" +
    "       [--password-file F] [--passphrase-file F] [--ps1 FILE] [--friendly-name NAME] [--force] [--json]\n" +
    `  --profile compat   ${PFX_PROFILES.compat.title} (default, Lync Server 2013): ${PFX_PROFILES.compat.detail}\n` +
    `  --profile modern   ${PFX_PROFILES.modern.title}: ${PFX_PROFILES.modern.detail}\n` +
    "  --unencrypted-key  writes the private key in clear text into the PEM file: anyone who reads the file has the key",
  positionals: ["ID"],
  options: {
    ...COMMON_OPTIONS,
    store: { type: "string" },
    pfx: { type: "string" },
    pem: { type: "string" },
    profile: { type: "string" },
    "include-root": { type: "boolean" },
    "with-key": { type: "boolean" },
    "unencrypted-key": { type: "boolean" },
    "password-file": { type: "string" },
    "passphrase-file": { type: "string" },
    ps1: { type: "string" },
    "friendly-name": { type: "string" },
    force: { type: "boolean" },
  },
  async run(values, positionals, io) {
    const id = onePositional(positionals);
    if (Boolean(values.pfx) === Boolean(values.pem)) throw new InputError("give exactly one of --pfx FILE or --pem FILE", { field: "--pfx" });
    const profile = pfxProfileOption(values);
    if (values.pem && values.profile) throw new InputError("--profile applies to --pfx only", { field: "--profile" });
    if (values["unencrypted-key"] && !values["with-key"]) throw new InputError("--unencrypted-key needs --with-key", { field: "--unencrypted-key" });
    if (values.ps1 && !values.pfx) throw new InputError("--ps1 installs a PFX: use it with --pfx", { field: "--ps1" });
    const keystorePassphrase = await readPassphrase(values["passphrase-file"] as string | undefined, io, false);
    const needsPassword = Boolean(values.pfx) || (values["with-key"] && !values["unencrypted-key"]);
    const common = {
      store: keystoreFrom(values, io),
      id,
      keystorePassphrase,
      password: needsPassword ? await readExportPassword(values["password-file"] as string | undefined, io, true) : undefined,
      includeRoot: values["include-root"] === true,
      friendlyName: values["friendly-name"] as string | undefined,
      force: values.force === true,
      ps1: values.ps1 ? resolve(values.ps1 as string) : undefined,
    };
    const result = values.pfx
      ? await exportPfx({ ...common, out: resolve(values.pfx as string), profile })
      : await exportPem({ ...common, out: resolve(values.pem as string), key: values["with-key"] ? (values["unencrypted-key"] ? "unencrypted" : "encrypted") : "none" });
    if (values["unencrypted-key"])
      io.err(`Warning: ${result.out} holds the private key in clear text; anyone who can read the file has the key. Move it to the server and delete it.`);
    if (values.json) io.out(JSON.stringify({ ...result, profile: values.pfx ? profile : undefined }, null, 2));
    else
      io.out(
        `${result.out}: ${result.certificates} certificate${result.certificates === 1 ? "" : "s"}${values.pfx ? `, key, profile ${profile} (${PFX_PROFILES[profile].title})` : ""}\nFriendly name: ${result.friendlyName}\nThumbprint:    ${result.thumbprint}${result.chain ? `\nChain:         ${result.chain}` : ""}${result.ps1 ? `\nPowerShell:    ${result.ps1}` : ""}${result.note ? `\nNote: ${result.note}` : ""}`,
      );
    return 0;
  },
};
