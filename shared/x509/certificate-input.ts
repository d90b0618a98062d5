import { AsnConvert } from "@peculiar/asn1-schema";
import { ContentInfo, SignedData, id_signedData } from "@peculiar/asn1-cms";
import { PFX } from "@peculiar/asn1-pfx";
import { fromBase64, parsePemBlocks } from "../codec/pem";
import { InputError } from "../errors";

export type CertificateFormat = "DER certificate" | "PEM certificate" | "PEM bundle" | "PKCS#7 (DER)" | "PKCS#7 (PEM)" | "PKCS#7 (Base64, AD CS)";

export interface CertificateInput {
  format: CertificateFormat;
  /** DER of every certificate found, in file order. */
  certificates: Uint8Array[];
}

const REFUSED_LABELS: Record<string, string> = {
  "X509 CRL": "a certificate revocation list (X509 CRL), not a certificate",
  "CERTIFICATE REQUEST": "a certificate request: check it with lynccert verify FILE --site --role, send it to the CA, and import what the CA returns",
  "NEW CERTIFICATE REQUEST": "a certificate request: check it with lynccert verify FILE --site --role, send it to the CA, and import what the CA returns",
  "PRIVATE KEY": "a private key, which LyncCert never takes from a file here",
  "ENCRYPTED PRIVATE KEY": "a private key, which LyncCert never takes from a file here",
  "RSA PRIVATE KEY": "a private key, which LyncCert never takes from a file here",
  "EC PRIVATE KEY": "a private key, which LyncCert never takes from a file here",
};

/** A CA's answer holds a leaf and a few CAs, a bulk PEM some hundreds of leaves; more is a mistake or hostile. */
export const MAX_CERTIFICATES_IN_FILE = 1000;

/**
 * Reads what a CA sends back: .cer (DER or Base64), .crt, .pem (CRLF, whole chains), .p7b (DER, PEM
 * PKCS7, AD CS's Base64 PKCS#7 under a CERTIFICATE label, BER indefinite lengths). Errors name the file.
 */
export function readCertificateInput(bytes: Uint8Array, file: string): CertificateInput {
  const input = readAnyFormat(bytes, file);
  if (input.certificates.length > MAX_CERTIFICATES_IN_FILE)
    throw new InputError(`${file}: holds ${input.certificates.length} certificates; LyncCert reads at most ${MAX_CERTIFICATES_IN_FILE} from one file`, { field: file });
  return input;
}

function readAnyFormat(bytes: Uint8Array, file: string): CertificateInput {
  if (bytes.length === 0) throw new InputError(`${file}: the file is empty`, { field: file });
  // PEM armour is ASCII whatever surrounds it (openssl x509 -text writes L=Göteborg above the block).
  const armoured = new TextDecoder("latin1").decode(bytes);
  if (armoured.includes("-----BEGIN ")) return fromPem(armoured, file);
  const text = asText(bytes);
  if (text !== undefined && /^[A-Za-z0-9+/=\s]+$/.test(text) && text.trim().length > 0) {
    const der = decodeBase64(text, file);
    return { ...fromDer(der, file), format: "PKCS#7 (Base64, AD CS)" };
  }
  return fromDer(bytes, file);
}

function fromPem(text: string, file: string): CertificateInput {
  const blocks = parsePemBlocks(text, file);
  if (blocks.length === 0) throw new InputError(`${file}: has a BEGIN line but no complete PEM block (truncated?)`, { field: file });
  const certificates: Uint8Array[] = [];
  let format: CertificateFormat = "PEM certificate";
  for (const block of blocks) {
    const refused = REFUSED_LABELS[block.label];
    if (refused) {
      if (blocks.length === 1) throw new InputError(`${file}: holds ${refused}`, { field: file });
      continue;
    }
    if (block.label === "PKCS7") {
      certificates.push(...pkcs7Certificates(block.der, file));
      format = "PKCS#7 (PEM)";
    } else if (block.label === "CERTIFICATE" || block.label === "X509 CERTIFICATE") {
      if (isCertificate(block.der)) certificates.push(block.der);
      else {
        certificates.push(...pkcs7Certificates(block.der, file));
        format = "PKCS#7 (Base64, AD CS)";
      }
    }
  }
  if (certificates.length === 0) throw new InputError(`${file}: no certificate in it (PEM blocks: ${blocks.map((b) => b.label).join(", ")})`, { field: file });
  if (format === "PEM certificate" && certificates.length > 1) format = "PEM bundle";
  return { format, certificates };
}

function fromDer(der: Uint8Array, file: string): CertificateInput {
  if (der[0] !== 0x30) throw new InputError(`${file}: not a certificate (neither DER, PEM nor Base64)`, { field: file });
  if (isCertificate(der)) return { format: "DER certificate", certificates: [der] };
  if (looksLikePfx(der)) throw new InputError(`${file}: is a PKCS#12/PFX file; it holds a private key, read it with lynccert inspect`, { field: file });
  return { format: "PKCS#7 (DER)", certificates: pkcs7Certificates(der, file) };
}

/**
 * Tells a certificate from a PKCS#7 or PFX by its first inner tag, without decoding it twice:
 * Certificate starts SEQUENCE { SEQUENCE (tbs) ..., ContentInfo SEQUENCE { OID ..., PFX SEQUENCE { INTEGER 3 ...
 * A malformed certificate is then reported by the full decode, with its reason.
 */
function isCertificate(der: Uint8Array): boolean {
  if (der[0] !== 0x30 || der.length < 4) return false;
  const lengthBytes = der[1]! & 0x80 ? (der[1]! & 0x7f) + 1 : 1;
  return der[1 + lengthBytes] === 0x30;
}

function pkcs7Certificates(der: Uint8Array, file: string): Uint8Array[] {
  let signed: SignedData;
  try {
    const info = AsnConvert.parse(der, ContentInfo);
    if (info.contentType !== id_signedData) throw new Error(`content type ${info.contentType} is not signedData`);
    signed = AsnConvert.parse(info.content, SignedData);
  } catch (e) {
    throw new InputError(`${file}: not a certificate or a PKCS#7 chain (${(e as Error).message.split("\n")[0]})`, { field: file });
  }
  const certs = (signed.certificates ?? []).flatMap((c) => (c.certificate ? [new Uint8Array(AsnConvert.serialize(c.certificate))] : []));
  if (certs.length === 0) throw new InputError(`${file}: the PKCS#7 file holds no certificate`, { field: file });
  return certs;
}

/** A PKCS#12 (PFX) file: it holds a private key and needs its password. */
export function looksLikePfx(der: Uint8Array): boolean {
  try {
    return AsnConvert.parse(der, PFX).version === 3;
  } catch {
    return false;
  }
}

function asText(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, 4096);
  for (const b of sample) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b > 0x7e) return undefined;
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
}

function decodeBase64(text: string, file: string): Uint8Array {
  try {
    return fromBase64(text.replace(/\s+/g, ""));
  } catch {
    throw new InputError(`${file}: looks like Base64 but does not decode`, { field: file });
  }
}
