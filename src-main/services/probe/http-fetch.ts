import { get as httpGet } from "node:http";

export interface FetchLimits {
  /** Longest silence between two pieces of the answer. */
  timeoutMs: number;
  /** Longest the whole fetch may take, redirects included: a server dripping a byte now and then is cut off. */
  deadlineMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const CRL_LIMITS: FetchLimits = { timeoutMs: 10_000, deadlineMs: 20_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 3 };

/**
 * GET over plain HTTP, as CRL distribution points are published (RFC 5280 §4.2.1.13: HTTP, not HTTPS,
 * to avoid circular checks), with a timeout, a size limit and a bounded number of redirects.
 */
export function fetchHttp(url: string, limits: FetchLimits = CRL_LIMITS, redirects = 0, deadline: AbortSignal = AbortSignal.timeout(limits.deadlineMs)): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:") return reject(new Error(`${parsed.protocol} is not fetched (only http: CDPs)`));
    // The deadline covers the whole fetch, redirects included; the idle timeout restarts with every byte.
    const fail = (e: Error) => reject(deadline.aborted ? new Error(`not complete within ${limits.deadlineMs / 1000} s`) : e);
    const req = httpGet(parsed, { timeout: limits.timeoutMs, signal: deadline }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= limits.maxRedirects) return reject(new Error(`more than ${limits.maxRedirects} redirects`));
        fetchHttp(new URL(res.headers.location, parsed).toString(), limits, redirects + 1, deadline).then(resolve, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        return reject(new Error(`HTTP ${status}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          req.destroy();
          reject(new Error(`larger than ${limits.maxBytes} bytes`));
        } else chunks.push(chunk);
      });
      res.on("end", () => resolve(Buffer.concat(chunks)));
      res.on("error", fail);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${limits.timeoutMs / 1000} s`)));
    req.on("error", fail);
  });
}
