import { connect, type DetailedPeerCertificate } from "node:tls";
import { isIP } from "node:net";
import { InputError } from "../../../shared/errors";

export interface TlsProbeResult {
  host: string;
  port: number;
  sni: string | undefined;
  protocol: string | null;
  cipher: string;
  /** The presented chain, leaf first, DER. */
  chain: Uint8Array[];
  /** Whether Node's own CA list trusts it (a public-CA hint; an internal CA is not in it). */
  trustedPublicly: boolean;
  trustError: string | undefined;
}

/** No real chain is longer; a server presenting more is cut off there. */
export const MAX_CHAIN = 10;

/**
 * Connects with TLS and takes the chain the server presents. SIP over TLS on 5061 is TLS first, so no SIP
 * is needed to see the certificate. The chain is judged by LyncCert's rules, not by the handshake.
 */

export function probeTls(host: string, port: number, sni: string | undefined, timeoutMs = 10_000): Promise<TlsProbeResult> {
  const servername = sni ?? (isIP(host) ? undefined : host);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, ...(servername ? { servername } : {}), rejectUnauthorized: false, ALPNProtocols: ["http/1.1"] });
    const fail = (message: string) => {
      socket.destroy();
      reject(new InputError(`${host}:${port}: ${message}`, { field: "HOST" }));
    };
    socket.setTimeout(timeoutMs, () => fail(`no TLS answer within ${timeoutMs / 1000} s`));
    // The idle timeout restarts with every byte; this one does not, so a dripping server cannot hold the probe.
    const deadline = setTimeout(() => fail(`the TLS handshake did not complete within ${(2 * timeoutMs) / 1000} s`), 2 * timeoutMs);
    socket.once("close", () => clearTimeout(deadline));
    socket.once("error", (e: NodeJS.ErrnoException) => fail(`${e.code ?? ""} ${e.message}`.trim()));
    socket.once("secureConnect", () => {
      const chain: Uint8Array[] = [];
      let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      const seen = new Set<string>();
      while (cert?.raw && !seen.has(cert.fingerprint256) && chain.length < MAX_CHAIN) {
        seen.add(cert.fingerprint256);
        chain.push(new Uint8Array(cert.raw));
        cert = cert.issuerCertificate;
      }
      const result: TlsProbeResult = {
        host,
        port,
        sni: servername,
        protocol: socket.getProtocol(),
        cipher: socket.getCipher().standardName ?? socket.getCipher().name,
        chain,
        trustedPublicly: socket.authorized,
        trustError: socket.authorizationError ? String(socket.authorizationError) : undefined,
      };
      socket.end();
      if (chain.length === 0) reject(new InputError(`${host}:${port}: the server presented no certificate`, { field: "HOST" }));
      else resolve(result);
    });
  });
}
