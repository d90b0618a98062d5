import { isEcdsaKey } from "../../shared/crypto/key-spec";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { PlanRequest } from "../../shared/planner/plan-types";
import { requestFileName } from "../../shared/planner/request-file-name";
import { createRequest, type RequestOptions } from "./request-service";
import { keystoreKey } from "./keystore/passphrase-check";

export interface BatchItemResult {
  request: PlanRequest;
  id: string | undefined;
  cn: string | undefined;
  error: string | undefined;
  /** What was done differently from the batch's choices, and why. */
  note: string | undefined;
  ms: number;
}

export interface BatchOptions extends Pick<RequestOptions, "site" | "key" | "hash" | "subject" | "template" | "passphrase" | "store" | "crlf" | "force"> {
  requests: readonly PlanRequest[];
  outDir: string | undefined;
  concurrency?: number;
  onProgress?: (done: number, total: number, last: BatchItemResult) => void;
}

/**
 * Generates every request of a batch, several at a time: key generation runs on Node's thread pool, so
 * `concurrency` requests proceed side by side without blocking the event loop. One failure does not stop
 * the others; each is reported.
 */
export async function createRequests(o: BatchOptions): Promise<BatchItemResult[]> {
  const derived = await keystoreKey(o.store, o.passphrase);
  const results: BatchItemResult[] = new Array(o.requests.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < o.requests.length) {
      const index = next++;
      const request = o.requests[index]!;
      const started = performance.now();
      let result: BatchItemResult;
      // The OAuth certificate needs RSA (OAUTH-KEY-2048): an ECDSA batch makes it with RSA 2048 and says so.
      const rsaInstead = request.role === "oauth-token-issuer" && isEcdsaKey(o.key);
      const note = rsaInstead ? `OAUTH-KEY-2048: RSA 2048 instead of ${o.key}` : undefined;
      try {
        const r = await createRequest({
          site: o.site,
          planRequest: request,
          key: rsaInstead ? "rsa2048" : o.key,
          hash: rsaInstead ? undefined : o.hash,
          subject: o.subject,
          template: o.template,
          passphrase: o.passphrase,
          store: o.store,
          out: o.outDir ? (plan) => join(o.outDir!, requestFileName(plan)) : undefined,
          crlf: o.crlf,
          force: o.force,
          derived,
        });
        result = { request, id: r.id, cn: r.plan.cn, error: undefined, note, ms: performance.now() - started };
      } catch (e) {
        result = { request, id: undefined, cn: undefined, error: (e as Error).message, note, ms: performance.now() - started };
      }
      results[index] = result;
      o.onProgress?.(++done, o.requests.length, result);
    }
  };
  const workers = Math.max(1, Math.min(o.concurrency ?? availableParallelism(), o.requests.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
