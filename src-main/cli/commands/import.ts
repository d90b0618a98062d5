import { Keystore } from "../../services/keystore/keystore";
import { defaultStoreDir } from "../../services/keystore/store-location";
import { readExportPassword } from "../passphrase";
import { COMMON_OPTIONS, type Command } from "../command";
import { reportText } from "../report-text";
import { onePositional } from "./verify";

export const importCommand: Command = {
  name: "import",
  summary: "Attach the certificate the CA issued (.cer/.crt/.pem/.p7b/.pfx) to its pending request and check it",
  usage: "lynccert import FILE [--store DIR] [--password-file F] [--json]   (FILE may be a .pfx: its password from --password-file, LYNCCERT_PFX_PASSWORD or a prompt)",
  options: { ...COMMON_OPTIONS, store: { type: "string" }, "password-file": { type: "string" } },
  positionals: ["FILE"],
  async run(values, positionals, io) {
    // Loaded on use: the CLI starts without the certificate libraries (see bench).
    const { importCertificate, loadCertificates } = await import("../../services/certificate-service");
    const file = onePositional(positionals);
    const store = new Keystore((values.store as string | undefined) ?? defaultStoreDir(io.env));
    const { report, requestId, current } = await importCertificate(
      await loadCertificates(file, () => readExportPassword(values["password-file"] as string | undefined, io, false)),
      store,
      new Date(),
    );
    const kept = current ? "" : " (kept beside its current certificate, which has no errors and stays in use)";
    if (values.json) io.out(JSON.stringify({ file, requestId: requestId ?? null, attached: requestId !== undefined, current, ...report }, null, 2));
    else io.out(reportText(report, requestId ? `${file}: attached to request ${requestId}${kept}` : `${file}: NOT attached — it matches no pending request in ${store.dir}`));
    return report.errors > 0 || !requestId ? 1 : 0;
  },
};
