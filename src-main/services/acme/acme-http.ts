import { request } from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { InputError } from "../../../shared/errors";

/** How LyncCert talks to an ACME server: its TLS roots (the system's, or a file the admin gives) and a bound on every call. */
export interface AcmeTransport {
  /** Extra roots (PEM) to trust for the ACME server's own TLS certificate (--ca-file); the system's otherwise. */
  ca?: string;
  /** Each request's limit: a server that does not answer is named within seconds, never waited on for minutes. */
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An answer is a JSON object or a certificate chain: a few kilobytes; this bounds what a hostile server can send. */
const MAX_BODY_BYTES = 1024 * 1024;

/** An ACME server that could not be reached, or whose TLS certificate is not trusted: named with its URL and what to do. */
export class AcmeConnectionError extends InputError {
  constructor(message: string) {
    super(message, { field: "--directory" });
    this.name = "AcmeConnectionError";
  }
}

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_UNTRUSTED",
]);

/** One HTTPS request (RFC 8555 §6.1: ACME is HTTPS only), bounded in time and size. */
export function https(url: string, o: { method: "GET" | "HEAD" | "POST"; body?: string; transport: AcmeTransport; accept?: string }): Promise<HttpAnswer> {
  const target = new URL(url);
  if (target.protocol !== "https:") return Promise.reject(new AcmeConnectionError(`${url}: ACME is spoken over HTTPS only (RFC 8555 §6.1)`));
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: o.method,
        ca: o.transport.ca,
        timeout: o.transport.timeoutMs,
        headers: {
          "User-Agent": "LyncCert (ACME, RFC 8555)",
          ...(o.accept ? { Accept: o.accept } : {}),
          ...(o.body !== undefined ? { "Content-Type": "application/jose+json", "Content-Length": Buffer.byteLength(o.body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) req.destroy(new AcmeConnectionError(`${url}: the answer is larger than ${MAX_BODY_BYTES} bytes; that is no ACME server`));
          else chunks.push(c);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new AcmeConnectionError(`${url}: no answer within ${o.transport.timeoutMs / 1000} s`)));
    req.on("error", (e: NodeJS.ErrnoException) => reject(e instanceof AcmeConnectionError ? e : connectionError(url, e)));
    req.end(o.body);
  });
}

function connectionError(url: string, e: NodeJS.ErrnoException): AcmeConnectionError {
  const code = e.code ?? "";
  if (TLS_CODES.has(code)) return new AcmeConnectionError(`${url}: the server's TLS certificate is not trusted (${code}); for a private ACME server give its root with --ca-file`);
  return new AcmeConnectionError(`${url}: cannot be reached (${code || e.message})`);
}
