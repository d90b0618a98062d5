import { parsePemBlocks } from "../../../shared/codec/pem";
import type { Finding } from "../../../shared/validator/finding";
import type { CertificateFacts } from "../../../shared/x509/certificate-facts";
import { nodeSignatureCheck } from "../crypto/signature-check";
import { readCrl, type CrlFacts } from "./crl";
import { fetchHttp } from "./http-fetch";

type Fetch = (url: string) => Promise<Buffer>;

/**
 * Checks every certificate of a presented chain against its CRLs: fetched over HTTP, signature checked with
 * the issuer's key, freshness checked, serial looked up. An unreachable or stale CRL is the classic cause
 * of Edge sign-in failures, so each is an error that names the URL.
 */
export async function checkRevocation(chain: readonly CertificateFacts[], at: Date, fetch: Fetch = fetchHttp, budget: RevocationBudget = REVOCATION_BUDGET): Promise<Finding[]> {
  const findings: Finding[] = [];
  const deadlineAt = Date.now() + budget.deadlineMs;
  let fetched = 0;
  for (const [i, cert] of chain.entries()) {
    if (cert.selfIssued) continue;
    const issuer = chain.slice(i + 1).find((c) => c.subject === cert.issuer);
    const urls = cert.cdpUrls ?? [];
    const http = urls.filter((u) => u.toLowerCase().startsWith("http:"));
    const ldap = urls.filter((u) => u.toLowerCase().startsWith("ldap:"));
    const who = `"${cert.subject}"`;
    if (urls.length === 0) findings.push(finding("X509-REVOCATION", "warning", `${who} names no CRL distribution point; its revocation cannot be checked`));
    if (ldap.length && !http.length)
      findings.push(finding("LC-CDP-LDAP-ONLY", "warning", `${who}: LDAP CDP ${ldap[0]} is not reachable from outside the domain (Edge, reverse proxy, remote clients)`));
    for (const url of http) {
      if (fetched >= budget.maxFetches || Date.now() >= deadlineAt) {
        findings.push(
          finding("X509-CRL", "notice", `${who}: the CRL at ${url} was not fetched: the probe checks at most ${budget.maxFetches} CDPs within ${budget.deadlineMs / 1000} s`),
        );
        continue;
      }
      fetched++;
      findings.push(await checkOne(cert, issuer, url, at, fetch));
    }
  }
  return findings;
}

export interface RevocationBudget {
  maxFetches: number;
  deadlineMs: number;
}

/** A hostile chain may name hundreds of silent CDPs: the probe as a whole ends in bounded time. */
export const REVOCATION_BUDGET: RevocationBudget = { maxFetches: 8, deadlineMs: 45_000 };

async function checkOne(cert: CertificateFacts, issuer: CertificateFacts | undefined, url: string, at: Date, fetch: Fetch): Promise<Finding> {
  const who = `"${cert.subject}"`;
  let crl: CrlFacts;
  try {
    const body = await fetch(url);
    const pem = body.subarray(0, 64).toString("latin1").includes("-----BEGIN") ? parsePemBlocks(body.toString("latin1"), url).find((b) => b.label === "X509 CRL")?.der : undefined;
    crl = readCrl(pem ?? new Uint8Array(body));
  } catch (e) {
    return finding(
      "X509-CRL",
      "error",
      `${who}: the CRL at ${url} cannot be used (${(e as Error).message.split("\n")[0]}): clients and servers cannot check revocation, the classic cause of Edge sign-in failures`,
    );
  }
  if (!issuer) return finding("X509-CRL", "warning", `${who}: the CRL at ${url} was fetched but its issuer's certificate was not presented, so its signature was not checked`);
  const signed = await nodeSignatureCheck(crl.signed, issuer.spki);
  if (signed !== true) return finding("X509-CRL", "error", `${who}: the CRL at ${url} is not signed by "${issuer.subject}"`);
  if (crl.nextUpdate && crl.nextUpdate.getTime() < at.getTime())
    return finding("X509-CRL", "error", `${who}: the CRL at ${url} expired on ${crl.nextUpdate.toISOString()}; the CA must publish a new one, or revocation checks fail`);
  if (crl.thisUpdate.getTime() > at.getTime())
    return finding("X509-CRL", "warning", `${who}: the CRL at ${url} is not valid before ${crl.thisUpdate.toISOString()}; check the clocks`);
  const revoked = crl.revocationOf(cert.serial);
  if (revoked) {
    const reason = revoked.reason !== undefined ? ` (${revoked.reason})` : "";
    return finding("X509-REVOCATION", "error", `${who} was revoked on ${revoked.date.toISOString()}${reason} according to ${url}: request a new certificate`);
  }
  return finding("X509-REVOCATION", "pass", `${who} is not revoked according to ${url} (next update ${crl.nextUpdate?.toISOString() ?? "not set"})`);
}

function finding(rule: string, status: Finding["status"], message: string): Finding {
  return { rule, status, message, field: "cRLDistributionPoints" };
}
