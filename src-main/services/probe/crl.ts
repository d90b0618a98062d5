import { AsnConvert } from "@peculiar/asn1-schema";
import { CertificateList } from "@peculiar/asn1-x509";
import { signedParts, type SignedParts } from "../../../shared/codec/der-span";
import { hex } from "../../../shared/x509/certificate-facts";

export interface Revocation {
  date: Date;
  reason: string | undefined;
}

export interface CrlFacts {
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  entries: number;
  signed: SignedParts;
  /** The revocation of a serial (hex, any case, leading zeros ignored), if listed. */
  revocationOf(serial: string): Revocation | undefined;
}

const REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  undefined,
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
];
const CRL_REASON_OID = "2.5.29.21";

/**
 * Reads a CRL of any size the fetch allowed. asn1js refuses more than 10,000 nodes by default, which an
 * enterprise CRL of a few thousand entries exceeds; every node takes at least two bytes, so allowing one
 * node per two bytes bounds nothing the size cap does not already bound.
 */
export function readCrl(der: Uint8Array): CrlFacts {
  const limits = { maxNodes: Math.ceil(der.length / 2) + 16, maxDepth: 32 };
  const crl = AsnConvert.parse(der, CertificateList, { berOptions: limits });
  const tbs = crl.tbsCertList;
  const revoked = new Map<string, Revocation>();
  for (const entry of tbs.revokedCertificates ?? []) {
    const reasonExt = entry.crlEntryExtensions?.find((e) => e.extnID === CRL_REASON_OID);
    const code = reasonExt ? reasonExt.extnValue.buffer.byteLength >= 3 && new Uint8Array(reasonExt.extnValue.buffer)[2] : undefined;
    revoked.set(normalSerial(hex(new Uint8Array(entry.userCertificate))), { date: entry.revocationDate.getTime(), reason: typeof code === "number" ? REASONS[code] : undefined });
  }
  return {
    thisUpdate: tbs.thisUpdate.getTime(),
    nextUpdate: tbs.nextUpdate?.getTime(),
    entries: revoked.size,
    signed: signedParts(der),
    revocationOf: (serial) => revoked.get(normalSerial(serial)),
  };
}

const normalSerial = (serial: string) => serial.toUpperCase().replace(/^0+/, "");
