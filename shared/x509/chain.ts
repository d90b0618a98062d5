import { signedParts } from "../codec/der-span";
import type { CertificateFacts } from "./certificate-facts";
import type { SignatureCheck } from "./signature-check";

export interface ChainLink {
  cert: CertificateFacts;
  /** Signature of this certificate checked with its issuer's key: true, false, or why it could not be checked. */
  signature: boolean | string;
}

export interface Chain {
  /** Leaf first, then each issuer found (among those given, or a trust anchor). */
  links: ChainLink[];
  /** The last certificate is self-signed (a root), or is a trusted root by subject and key (a cross-sign of it). */
  complete: boolean;
  /** The certificate whose issuer is neither given nor a trust anchor, when the chain stops short of a root. */
  missingIssuerOf: CertificateFacts | undefined;
  /** Certificates given that are not on the leaf's path. */
  unused: CertificateFacts[];
  /** CA certificates kept from earlier answers that the path took (the answer itself did not carry them). */
  fromKnown: CertificateFacts[];
  /** The trusted root the chain ends in (given, completed from the trust store, or the root a cross-sign stands for), if any. */
  anchor: CertificateFacts | undefined;
  /** Other paths were possible: how many were tried, so the report can say the best was chosen. */
  pathsTried: number;
}

/**
 * Builds leaf → root from the certificates given and the trust anchors (public roots): CAs and AD CS exports
 * often send the leaf and intermediates without the root. Every path the certificates allow is tried (issuer
 * name and key id, each signature checked), whatever their order in the file, and the best one is kept: one
 * that ends in a trusted root with every certificate valid at `at`, then one ending in a given self-signed root
 * with every certificate valid, then the longest verified path. A certificate whose subject and key are a
 * trusted root's (a cross-signed copy: ISRG Root X1 by DST Root CA X3) is that root. A missing issuer is
 * reported, not hidden in a shorter chain. `known` are CA certificates kept from earlier answers: candidates like
 * the given ones (a signature proves each link), but never reported as given and unused.
 */
export async function buildChain(
  leaf: CertificateFacts,
  pool: readonly CertificateFacts[],
  check: SignatureCheck,
  anchors: readonly CertificateFacts[] = [],
  at: Date = new Date(),
  known: readonly CertificateFacts[] = [],
): Promise<Chain> {
  const extra = known.filter((k) => !pool.some((c) => sameBytes(c.der, k.der)));
  const search = new PathSearch([...pool, ...extra], anchors, check);
  const paths = await search.from(leaf, new Set([leaf]), 0);
  const best = paths.map((links) => ({ links, score: score(links, search, at) })).sort((a, b) => compareScores(b.score, a.score))[0]!.links;
  const top = best[best.length - 1]!.cert;
  const used = new Set(best.map((l) => l.cert));
  const anchor = search.anchorFor(top);
  const complete = top.selfIssued || anchor !== undefined;
  return {
    links: best,
    complete,
    missingIssuerOf: complete ? undefined : top,
    unused: pool.filter((c) => !used.has(c)),
    fromKnown: extra.filter((c) => used.has(c)),
    anchor,
    pathsTried: paths.length,
  };
}

const MAX_DEPTH = 10;
/**
 * How many certificates of the issuer's name are tried for one link: real chains have one or two (a renewed
 * CA key, a cross-sign); a crafted bundle of thousands without key ids would make every leaf try them all.
 */
export const MAX_SAME_NAMED_ISSUERS = 8;
/** Signature checks for one leaf's paths, all branches together: a bound on a crafted web of cross-signs. */
const MAX_SIGNATURE_CHECKS = 64;

class PathSearch {
  private checks = 0;
  private readonly verified = new Map<CertificateFacts, Map<CertificateFacts, Promise<boolean | string>>>();

  constructor(
    private readonly pool: readonly CertificateFacts[],
    private readonly anchors: readonly CertificateFacts[],
    private readonly check: SignatureCheck,
  ) {}

  /** The trusted root a certificate is: the anchor itself, or one with the same subject and key. */
  anchorFor(cert: CertificateFacts): CertificateFacts | undefined {
    return this.anchors.find((a) => sameBytes(a.der, cert.der)) ?? this.anchors.find((a) => a.subject === cert.subject && sameBytes(a.spki, cert.spki));
  }

  /** Every path from `cert` up, each as links leaf first; the last link's signature is its issuer's verdict. */
  async from(cert: CertificateFacts, used: Set<CertificateFacts>, depth: number): Promise<ChainLink[][]> {
    if (cert.selfIssued) return [[{ cert, signature: await this.verify(cert, cert) }]];
    // A cross-signed copy of a trusted root ends the path in that root (its own self-signature is the anchor's).
    const anchor = depth > 0 ? this.anchorFor(cert) : undefined;
    if (anchor) return [[{ cert, signature: true }]];
    if (depth >= MAX_DEPTH) return [[{ cert, signature: "the chain is longer than 10 certificates" }]];
    const named = [...this.pool.filter((c) => !used.has(c)), ...this.anchors.filter((a) => !used.has(a))].filter(
      (c) => c.subject === cert.issuer && (!cert.authorityKeyId || !c.subjectKeyId || c.subjectKeyId === cert.authorityKeyId),
    );
    const candidates = unique(named).sort((a, b) => Number(b.subjectKeyId === cert.authorityKeyId) - Number(a.subjectKeyId === cert.authorityKeyId));
    const paths: ChainLink[][] = [];
    let lastVerdict: boolean | string | undefined;
    for (const issuer of candidates.slice(0, MAX_SAME_NAMED_ISSUERS)) {
      const signature = await this.verify(cert, issuer);
      lastVerdict = signature;
      if (signature === false) continue;
      for (const rest of await this.from(issuer, new Set([...used, issuer]), depth + 1)) paths.push([{ cert, signature }, ...rest]);
    }
    if (paths.length) return paths;
    const why =
      candidates.length > MAX_SAME_NAMED_ISSUERS
        ? `no issuer among the first ${MAX_SAME_NAMED_ISSUERS} of ${candidates.length} certificates named "${cert.issuer}" (LyncCert tries at most ${MAX_SAME_NAMED_ISSUERS})`
        : (lastVerdict ?? "issuer not given");
    return [[{ cert, signature: why }]];
  }

  private verify(cert: CertificateFacts, issuer: CertificateFacts): Promise<boolean | string> {
    let byIssuer = this.verified.get(cert);
    if (!byIssuer) this.verified.set(cert, (byIssuer = new Map()));
    let verdict = byIssuer.get(issuer);
    if (!verdict) {
      verdict =
        ++this.checks > MAX_SIGNATURE_CHECKS
          ? Promise.resolve(`not checked: more than ${MAX_SIGNATURE_CHECKS} signatures to try for one certificate`)
          : verifySignature(cert, issuer, this.check);
      byIssuer.set(issuer, verdict);
    }
    return verdict;
  }
}

type Score = [number, number, number, number];

/** Trusted and valid, given root and valid, trusted, then the length of the verified part. */
function score(links: readonly ChainLink[], search: PathSearch, at: Date): Score {
  const top = links[links.length - 1]!.cert;
  const verified = verifiedLength(links);
  const whole = verified === links.length;
  const valid = links.every((l) => l.cert.notBefore <= at && at <= l.cert.notAfter);
  const trusted = whole && search.anchorFor(top) !== undefined;
  const root = whole && top.selfIssued;
  return [Number(trusted && valid), Number(root && valid), Number(trusted), verified];
}

function compareScores(a: Score, b: Score): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** How many links, from the leaf, are proven: each signature up to the first that did not verify. */
function verifiedLength(links: readonly ChainLink[]): number {
  const broken = links.findIndex((l) => l.signature !== true);
  return broken < 0 ? links.length : broken + 1;
}

/**
 * The certificates proven to be the leaf's issuers: leaf first, then each issuer whose signature over the one
 * below it verified, up to the first that did not (a root also by its own signature). Only these are ever
 * kept, exported or installed with the leaf: a certificate that came in the same file or folder but is not
 * on this path (an unrelated root, say) is never planted on the servers.
 */
export function verifiedPath(chain: Chain): CertificateFacts[] {
  const path: CertificateFacts[] = [chain.links[0]!.cert];
  for (const [i, link] of chain.links.entries()) {
    const next = chain.links[i + 1]?.cert;
    if (link.signature !== true) break;
    if (next) path.push(next);
  }
  const top = chain.links[chain.links.length - 1]!;
  if (path.length === chain.links.length && top.cert.selfIssued && top.signature !== true && path.length > 1) path.pop();
  return path;
}

function unique(certs: readonly CertificateFacts[]): CertificateFacts[] {
  const seen: CertificateFacts[] = [];
  for (const c of certs) if (!seen.some((s) => sameBytes(s.der, c.der))) seen.push(c);
  return seen;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function verifySignature(cert: CertificateFacts, issuer: CertificateFacts, check: SignatureCheck): Promise<boolean | string> {
  try {
    return await check(signedParts(cert.der), issuer.spki);
  } catch (e) {
    return `cannot be checked: ${(e as Error).message.split("\n")[0]}`;
  }
}

/**
 * Picks the end-entity certificate of a bag (a .p7b's order is not guaranteed): the one no other
 * certificate was issued by, preferring a non-CA.
 */
export function findLeaf(certs: readonly CertificateFacts[]): CertificateFacts {
  const issuers = new Set(certs.filter((c) => !c.selfIssued).map((c) => c.issuer));
  const notIssuers = certs.filter((c) => !issuers.has(c.subject) || c.selfIssued);
  const endEntities = notIssuers.filter((c) => !c.basicConstraints?.ca && !c.selfIssued);
  return endEntities[0] ?? notIssuers.find((c) => !c.selfIssued) ?? notIssuers[0] ?? certs[0]!;
}
