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
  /** The last certificate is self-signed (a root). */
  complete: boolean;
  /** The certificate whose issuer is neither given nor a trust anchor, when the chain stops short of a root. */
  missingIssuerOf: CertificateFacts | undefined;
  /** Certificates given that are not on the leaf's path. */
  unused: CertificateFacts[];
  /** The trusted root the chain ends in (given or completed from the trust store), if any. */
  anchor: CertificateFacts | undefined;
}

/**
 * Builds leaf → root from the certificates given, matching issuer name (and key id when present) and
 * checking each signature. Where the given certificates stop, the trust anchors (public roots) may finish
 * the chain: CAs and AD CS exports often send the leaf and intermediates without the root. A missing issuer
 * is reported, not hidden in a shorter chain.
 */
export async function buildChain(leaf: CertificateFacts, pool: readonly CertificateFacts[], check: SignatureCheck, anchors: readonly CertificateFacts[] = []): Promise<Chain> {
  const links: ChainLink[] = [];
  const used = new Set<CertificateFacts>([leaf]);
  const isAnchor = (c: CertificateFacts) => anchors.some((a) => a.spki.length === c.spki.length && sameBytes(a.der, c.der));
  const done = (complete: boolean, missingIssuerOf: CertificateFacts | undefined): Chain => {
    const top = links[links.length - 1]!.cert;
    return { links, complete, missingIssuerOf, unused: pool.filter((c) => !used.has(c)), anchor: isAnchor(top) ? top : undefined };
  };
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (current.selfIssued) {
      links.push({ cert: current, signature: await verifySignature(current, current, check) });
      return done(true, undefined);
    }
    const found =
      (await issuerAmong(
        current,
        pool.filter((c) => !used.has(c)),
        check,
      )) ?? (await issuerAmong(current, anchors, check));
    links.push({ cert: current, signature: found?.signature ?? "issuer not given" });
    if (!found?.issuer) return done(false, current);
    used.add(found.issuer);
    current = found.issuer;
  }
  return done(false, current);
}

const MAX_DEPTH = 10;

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

/**
 * How many certificates of the issuer's name are tried for one link: real chains have one or two (a renewed
 * CA key, a cross-sign); a crafted bundle of thousands without key ids would make every leaf try them all.
 */
export const MAX_SAME_NAMED_ISSUERS = 8;

async function issuerAmong(
  cert: CertificateFacts,
  candidates: readonly CertificateFacts[],
  check: SignatureCheck,
): Promise<{ issuer: CertificateFacts | undefined; signature: boolean | string } | undefined> {
  const named = candidates.filter((c) => c.subject === cert.issuer && (!cert.authorityKeyId || !c.subjectKeyId || c.subjectKeyId === cert.authorityKeyId));
  // Those whose key id matches the certificate's authority key id first: they are the likeliest issuers.
  const ranked = [...named].sort((a, b) => Number(b.subjectKeyId === cert.authorityKeyId) - Number(a.subjectKeyId === cert.authorityKeyId));
  let signature: boolean | string | undefined;
  for (const candidate of ranked.slice(0, MAX_SAME_NAMED_ISSUERS)) {
    signature = await verifySignature(cert, candidate, check);
    if (signature !== false) return { issuer: candidate, signature };
  }
  if (named.length > MAX_SAME_NAMED_ISSUERS)
    signature = `no issuer among the first ${MAX_SAME_NAMED_ISSUERS} of ${named.length} certificates named "${cert.issuer}" (LyncCert tries at most ${MAX_SAME_NAMED_ISSUERS})`;
  return signature === undefined ? undefined : { issuer: undefined, signature };
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
