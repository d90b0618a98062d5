import { signedParts } from "../codec/der-span";
import type { CertificateFacts } from "./certificate-facts";
import type { SignatureCheck } from "./signature-check";

export interface ChainLink {
  cert: CertificateFacts;
  /** Signature of this certificate checked with its issuer's key: true, false, or why it could not be checked. */
  signature: boolean | string;
}

export interface Chain {
  /** Leaf first, then each issuer found. */
  links: ChainLink[];
  /** The last certificate is self-signed (a root). */
  complete: boolean;
  /** The certificate whose issuer is not among those given, when the chain stops short of a root. */
  missingIssuerOf: CertificateFacts | undefined;
  /** Certificates given that are not on the leaf's path. */
  unused: CertificateFacts[];
}

/**
 * Builds leaf → root from the certificates given, matching issuer name (and key id when present) and
 * checking each signature. Unlike X509ChainBuilder, a missing issuer is reported, not a shorter chain.
 */
export async function buildChain(leaf: CertificateFacts, pool: readonly CertificateFacts[], check: SignatureCheck): Promise<Chain> {
  const links: ChainLink[] = [];
  const used = new Set<CertificateFacts>([leaf]);
  let current = leaf;
  for (let depth = 0; depth < 10; depth++) {
    if (current.selfIssued) {
      links.push({ cert: current, signature: await verifySignature(current, current, check) });
      return { links, complete: true, missingIssuerOf: undefined, unused: pool.filter((c) => !used.has(c)) };
    }
    const candidates = pool.filter((c) => !used.has(c) && c.subject === current.issuer && (!current.authorityKeyId || !c.subjectKeyId || c.subjectKeyId === current.authorityKeyId));
    let issuer: CertificateFacts | undefined;
    let signature: boolean | string = "issuer not given";
    for (const candidate of candidates) {
      signature = await verifySignature(current, candidate, check);
      if (signature !== false) {
        issuer = candidate;
        break;
      }
    }
    links.push({ cert: current, signature });
    if (!issuer) return { links, complete: false, missingIssuerOf: current, unused: pool.filter((c) => !used.has(c)) };
    used.add(issuer);
    current = issuer;
  }
  return { links, complete: false, missingIssuerOf: current, unused: pool.filter((c) => !used.has(c)) };
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
