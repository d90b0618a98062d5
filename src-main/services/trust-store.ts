import * as tls from "node:tls";
import { parsePemBlocks } from "../../shared/codec/pem";
import { certificateFacts, type CertificateFacts } from "../../shared/x509/certificate-facts";

let mozillaRoots: CertificateFacts[] | undefined;

/**
 * The public roots a chain may end in: Node's copy of Mozilla's root store (the CAs remote clients, phones
 * and federation partners trust), read once. `extra` adds roots (PEM) an admin's servers trust as well.
 */
export function trustAnchors(extra: readonly string[] = []): CertificateFacts[] {
  mozillaRoots ??= factsOf(tls.rootCertificates);
  return extra.length ? [...mozillaRoots, ...factsOf(extra)] : mozillaRoots;
}

function factsOf(pems: readonly string[]): CertificateFacts[] {
  return pems.flatMap((pem) => parsePemBlocks(pem, "trust store").map((b) => certificateFacts(b.der)));
}
