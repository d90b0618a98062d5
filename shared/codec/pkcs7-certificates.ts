import { AsnConvert } from "@peculiar/asn1-schema";
import { CertificateChoices, CertificateSet, ContentInfo, EncapsulatedContentInfo, SignedData, id_data, id_signedData } from "@peculiar/asn1-cms";
import { Certificate } from "@peculiar/asn1-x509";

/**
 * A certificates-only PKCS#7 (a degenerate SignedData: no signers, no content; RFC 5652 §5, what `openssl
 * crl2pkcs7 -nocrl` and Windows' .p7b export write). DER: the certificates of the SET OF in the order of their
 * encodings (X.690 §11.6), which strict parsers (Python's cryptography) check.
 */
export function certificatesOnlyPkcs7(certificates: readonly Uint8Array[]): Uint8Array {
  // The empty digest algorithm and signer sets are SignedData's own defaults.
  const signed = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet([...certificates].sort(derOrder).map((der) => new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) }))),
  });
  return new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signed) })));
}

function derOrder(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
