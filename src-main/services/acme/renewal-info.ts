import { expiringWindowDays } from "../../../shared/certificates/certificate-state";
import type { CertificateFacts } from "../../../shared/x509/certificate-facts";
import { https, type AcmeTransport } from "./acme-http";

/** RFC 9773 §4.1: base64url(the issuer's key identifier from AKI) "." base64url(the serial number's bytes). */
export function ariCertId(cert: CertificateFacts): string | undefined {
  if (!cert.authorityKeyId) return undefined;
  return `${Buffer.from(cert.authorityKeyId, "hex").toString("base64url")}.${Buffer.from(cert.serial, "hex").toString("base64url")}`;
}

export interface RenewalWindow {
  start: Date;
  end: Date;
  /** Where the window came from: the CA's renewal information (ARI), or the last third of the lifetime. */
  source: "ari" | "lifetime";
  explanationUrl?: string;
}

const DAY = 86_400_000;

/**
 * When to renew a certificate: the CA's suggested window (ARI, RFC 9773) where the directory offers one, else
 * the last third of the certificate's own lifetime (at most 30 days, as every view's "expiring"). An ARI
 * server that fails or answers nonsense falls back to the lifetime: renewal is never blocked on it.
 */
export async function renewalWindow(cert: CertificateFacts, renewalInfoUrl: string | undefined, transport: AcmeTransport): Promise<RenewalWindow> {
  const id = ariCertId(cert);
  if (renewalInfoUrl && id) {
    const answer = await https(`${renewalInfoUrl.replace(/\/$/, "")}/${id}`, { method: "GET", transport }).catch(() => undefined);
    if (answer?.status === 200) {
      try {
        const info = JSON.parse(answer.body.toString("utf8")) as { suggestedWindow?: { start?: string; end?: string }; explanationURL?: string };
        const start = new Date(info.suggestedWindow?.start ?? "");
        const end = new Date(info.suggestedWindow?.end ?? "");
        if (!Number.isNaN(start.getTime()) && !Number.isNaN(end.getTime()) && start <= end)
          return { start, end, source: "ari", ...(info.explanationURL ? { explanationUrl: info.explanationURL } : {}) };
      } catch {
        // Not JSON: the lifetime decides.
      }
    }
  }
  const days = expiringWindowDays(cert.notBefore.toISOString(), cert.notAfter.toISOString());
  return { start: new Date(cert.notAfter.getTime() - days * DAY), end: cert.notAfter, source: "lifetime" };
}
