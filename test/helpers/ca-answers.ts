import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RequestRecord } from "../../src-main/services/keystore/request-record";
import { openssl } from "./openssl";
import { TestCa, type IssueOptions } from "./test-ca";

export const NORTHWIND_TBXML = new URL("../fixtures/topology/northwind.tbxml", import.meta.url);
/** The kit of the first Front End: its own certificate and the global OAuthTokenIssuer (OAUTH-GLOBAL), each with its chain file. */
export const FIRST_FRONT_END_KIT = ["Install-LyncCert.ps1", "README.txt", "front-end.chain.p7b", "front-end.pfx", "oauth-token-issuer.chain.p7b", "oauth-token-issuer.pfx"];

export interface CaAnswers {
  ca: TestCa;
  dir: string;
  /** Request id → the leaf's PEM file, as the CA issued it. */
  leaves: Map<string, string>;
  records: RequestRecord[];
}

/** Every request in a keystore, read as the CA would see it. */
export function storedRecords(store: string): RequestRecord[] {
  return readdirSync(join(store, "requests"))
    .filter((n) => !n.startsWith("."))
    .map((id) => JSON.parse(readFileSync(join(store, "requests", id, "request.json"), "utf8")) as RequestRecord);
}

/**
 * Plays the CA for every pending request of a keystore: openssl signs each CSR with exactly the planned
 * names and EKU, and the answers land in one folder in the mixed formats CAs send (.crt PEM, .cer DER, .p7b
 * DER and PEM with the chain, several leaves in one PEM bundle, and the chain on its own as ca-chain.p7b).
 * `faulty` requests are issued without their last planned name (a CA that dropped a SAN); `validity` sets a
 * certificate's lifetime (one already in its last days). Only pending requests are answered: a later round
 * passes the same `ca` and its own folder `name`.
 */
export function answerEveryRequest(
  store: string,
  work: string,
  o: { faulty?: (r: RequestRecord) => boolean; validity?: (r: RequestRecord) => Pick<IssueOptions, "days" | "startDaysAgo"> | undefined; ca?: TestCa; name?: string } = {},
): CaAnswers {
  const ca = o.ca ?? TestCa.create(join(work, "ca"));
  const dir = join(work, o.name ?? "answers");
  const issued = join(work, `${o.name ?? "answers"}-issued`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(issued, { recursive: true });
  const records = storedRecords(store)
    .filter((r) => r.status === "pending")
    .sort((a, b) => a.id.localeCompare(b.id));
  const leaves = new Map<string, string>();
  const bundle: string[] = [];
  for (const [i, r] of records.entries()) {
    const names = r.plan.san.map((s) => s.name);
    const leaf = ca.issue(join(store, "requests", r.id, "request.req"), join(issued, `${r.id}.pem`), {
      san: o.faulty?.(r) ? names.slice(0, -1) : names,
      eku: r.plan.eku.join(","),
      ...o.validity?.(r),
    });
    leaves.set(r.id, leaf);
    const base = join(dir, r.id);
    switch (i % 5) {
      case 0:
        writeFileSync(`${base}.crt`, readFileSync(leaf));
        break;
      case 1:
        openssl(["x509", "-in", leaf, "-outform", "DER", "-out", `${base}.cer`]);
        break;
      case 2:
        openssl(["crl2pkcs7", "-nocrl", "-certfile", leaf, "-certfile", ca.intermediate, "-certfile", ca.root, "-outform", "DER", "-out", `${base}.p7b`]);
        break;
      case 3:
        openssl(["crl2pkcs7", "-nocrl", "-certfile", leaf, "-certfile", ca.intermediate, "-outform", "PEM", "-out", `${base}.p7b`]);
        break;
      default:
        bundle.push(readFileSync(leaf, "utf8"));
    }
  }
  if (bundle.length) writeFileSync(join(dir, "several-leaves.pem"), bundle.join(""));
  openssl(["crl2pkcs7", "-nocrl", "-certfile", ca.intermediate, "-certfile", ca.root, "-outform", "DER", "-out", join(dir, "ca-chain.p7b")]);
  return { ca, dir, leaves, records };
}
