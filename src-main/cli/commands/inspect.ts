import { InputError } from "../../../shared/errors";
import { readInputFile } from "../../services/files/input-file";
import { COMMON_OPTIONS, type Command } from "../command";
import { readExportPassword } from "../passphrase";
import { reportText } from "../report-text";
import { onePositional } from "./verify";
import { createPrivateKey } from "node:crypto";
import { MAX_CERTIFICATE_FILE_BYTES, verifyCertificates } from "../../services/certificate-service";
import { readPfx } from "../../services/pkcs12/pfx-reader";
import { certificateFacts } from "../../../shared/x509/certificate-facts";
import { WrongPassphraseError } from "../../services/crypto/pbes2";

export const inspectCommand: Command = {
  usage: "lynccert inspect FILE.pfx [--password-file F] [--json]",
  options: { ...COMMON_OPTIONS, "password-file": { type: "string" } },
  positionals: ["FILE"],
  async run(values, positionals, io) {
    const file = onePositional(positionals);
    const bytes = await readInputFile(file, { field: file, kind: "a PFX file", maxBytes: MAX_CERTIFICATE_FILE_BYTES });
    const password = await readExportPassword(values["password-file"] as string | undefined, io, false);
    const pfx = await readPfx(bytes, password, file).catch((e: Error) => {
      throw e instanceof WrongPassphraseError ? new InputError(`${file}: wrong password`, { field: "password" }) : e;
    });
    if (pfx.certificates.length === 0) throw new InputError(`${file}: the PFX holds no certificate`, { field: file });
    const key = pfx.privateKey ? createPrivateKey({ key: pfx.privateKey, format: "der", type: "pkcs8" }) : undefined;
    const report = await verifyCertificates({
      certificates: pfx.certificates.map((c) => certificateFacts(c)),
      plan: undefined,
      at: new Date(),
      store: undefined,
      keyMatchRequired: false,
    });
    const contents = {
      file,
      mac: pfx.mac,
      encryption: [...new Set(pfx.encryption)],
      friendlyName: pfx.friendlyName ?? null,
      privateKey: key ? `${key.asymmetricKeyType} ${key.asymmetricKeyDetails?.modulusLength ?? key.asymmetricKeyDetails?.namedCurve ?? ""}`.trim() : null,
      certificates: pfx.certificates.length,
    };
    if (values.json) io.out(JSON.stringify({ ...contents, ...report }, null, 2));
    else
      io.out(
        `${file}: MAC ${contents.mac}; encryption ${contents.encryption.join(", ") || "none"}; friendly name ${contents.friendlyName ?? "(none)"}; key ${contents.privateKey ?? "(none)"}\n\n${reportText(report, "Certificate")}`,
      );
    return report.errors > 0 ? 1 : 0;
  },
};
