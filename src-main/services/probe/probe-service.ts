import type { CertificatePlan } from "../../../shared/planner/plan-types";
import type { Finding } from "../../../shared/validator/finding";
import { tally, type ValidationReport } from "../../../shared/validator/validate";
import { certificateFacts } from "../../../shared/x509/certificate-facts";
import { chainOf, verifyCertificates } from "../certificate-service";
import { checkRevocation } from "./revocation-check";
import { probeTls, type TlsProbeResult } from "./tls-probe";

export interface ProbeReport extends ValidationReport {
  endpoint: Omit<TlsProbeResult, "chain">;
}

/** Fetches the chain an endpoint presents, runs the validator (role rules when planned) and the CRL check. */
export async function probeEndpoint(host: string, port: number, sni: string | undefined, plan: CertificatePlan | undefined, at: Date): Promise<ProbeReport> {
  const tls = await probeTls(host, port, sni);
  const chain = tls.chain.map((der) => certificateFacts(der));
  const report = await verifyCertificates({ certificates: chain, plan, at, store: undefined, keyMatchRequired: false });
  const revocation = await checkRevocation(chainOf(chain, report), at);
  const findings: Finding[] = [...report.findings, ...revocation];
  const { chain: _presented, ...endpoint } = tls;
  return {
    ...report,
    findings,
    ...tally(findings),
    endpoint,
  };
}
