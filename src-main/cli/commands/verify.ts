import { existsSync } from "node:fs";
import { InputError } from "../../../shared/errors";
import { planCertificate } from "../../../shared/planner/plan";
import { Keystore } from "../../services/keystore/keystore";
import { readExportPassword } from "../passphrase";
import { COMMON_OPTIONS, type Command, type OptionValues } from "../command";
import { PLAN_OPTIONS, planRequestFrom } from "../plan-options";
import { reportText, requestReportText } from "../report-text";
import { readInputFile } from "../../services/files/input-file";
import { readSiteFile } from "../site-file";
import { certificatesFromInput, loadCertificates, MAX_CERTIFICATE_FILE_BYTES, verifyCertificates, verifyRequest } from "../../services/certificate-service";
import { requestIn } from "../../../shared/x509/request-facts";
import { storeDirFrom } from "../store-option";

export const verifyCommand: Command = {
  usage:
    "lynccert verify FILE [--site FILE --role ROLE [--server FQDN] [--types T,...] [--wildcards]] [--chain FILE] [--at ISO-DATE] [--store DIR] [--password-file F] [--json]\n" +
    "  FILE may be a request (.req, .csr: PKCS#10 from LyncCert, Request-CsCertificate, certreq, openssl, DigiCert's utility): it is checked before submission.",
  options: { ...COMMON_OPTIONS, ...PLAN_OPTIONS, chain: { type: "string" }, at: { type: "string" }, store: { type: "string" }, "password-file": { type: "string" } },
  positionals: ["FILE"],
  async run(values, positionals, io) {
    const file = onePositional(positionals);
    const plan = await planFrom(values);
    const bytes = new Uint8Array(await readInputFile(file, { field: file, kind: "a certificate or request file", maxBytes: MAX_CERTIFICATE_FILE_BYTES }));
    const csr = requestIn(bytes);
    if (csr) {
      const report = await verifyRequest(csr, file, plan);
      io.out(values.json ? JSON.stringify({ file, format: "PKCS#10 request", ...report }, null, 2) : requestReportText(report, `${file} (certificate request)`));
      return report.errors > 0 ? 1 : 0;
    }
    const at = parseAt(values.at as string | undefined);
    const loaded = await certificatesFromInput(bytes, file, () => readExportPassword(values["password-file"] as string | undefined, io, false));
    const chain = values.chain ? (await loadCertificates(values.chain as string)).certificates : [];
    const storeDir = storeDirFrom(values, io);
    const store = existsSync(storeDir) ? await new Keystore(storeDir).index() : undefined;
    const report = await verifyCertificates({ certificates: [...loaded.certificates, ...chain], plan, at, store, keyMatchRequired: false });
    io.out(values.json ? JSON.stringify({ file, format: loaded.format, ...report }, null, 2) : reportText(report, `${file} (${loaded.format})`));
    return report.errors > 0 ? 1 : 0;
  },
};

export function onePositional(positionals: string[]): string {
  if (positionals.length !== 1) throw new InputError(`expected one certificate FILE, got ${positionals.length}`, { field: "FILE" });
  return positionals[0]!;
}

async function planFrom(values: OptionValues) {
  if (!values.site && !values.role) return undefined;
  if (!values.site || !values.role) throw new InputError("--site and --role go together: the role rules need the topology", { field: values.site ? "--role" : "--site" });
  return planCertificate(await readSiteFile(values.site as string), planRequestFrom(values));
}

export function parseAt(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime()))
    throw new InputError(`--at ${value}: not an ISO date (for example 2027-01-31 or 2027-01-31T12:00:00Z)`, { field: "--at" });
  return at;
}
