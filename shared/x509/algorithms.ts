/** Signature algorithms by OID, with what Lync makes of them (COMMON-SIG-ALG, COMMON-NO-PSS). */
export type SignatureVerdict = "sha2" | "sha1" | "pss" | "weak" | "unknown";

interface SignatureAlgorithm {
  name: string;
  verdict: SignatureVerdict;
}

export const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithm> = {
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", verdict: "sha2" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", verdict: "sha2" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", verdict: "sha2" },
  "1.2.840.113549.1.1.14": { name: "sha224WithRSAEncryption", verdict: "sha2" },
  "1.2.840.10045.4.3.1": { name: "ecdsa-with-SHA224", verdict: "sha2" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", verdict: "sha2" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", verdict: "sha2" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", verdict: "sha2" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", verdict: "sha1" },
  "1.3.14.3.2.29": { name: "sha1WithRSASignature (OIW)", verdict: "sha1" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", verdict: "sha1" },
  "1.2.840.10040.4.3": { name: "dsa-with-sha1", verdict: "weak" },
  "1.2.840.113549.1.1.10": { name: "RSASSA-PSS", verdict: "pss" },
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption", verdict: "weak" },
  "1.2.840.113549.1.1.2": { name: "md2WithRSAEncryption", verdict: "weak" },
  "1.2.840.113549.1.1.3": { name: "md4WithRSAEncryption", verdict: "weak" },
};

export function signatureAlgorithm(oid: string): SignatureAlgorithm {
  return SIGNATURE_ALGORITHMS[oid] ?? { name: oid, verdict: "unknown" };
}

export const KEY_ALGORITHM_OIDS = {
  rsa: "1.2.840.113549.1.1.1",
  rsaPss: "1.2.840.113549.1.1.10",
  ec: "1.2.840.10045.2.1",
} as const;

/** Named curves by OID; only the NIST three are allowed (COMMON-KEY-ALG). */
export const CURVES: Record<string, { name: string; allowed: boolean }> = {
  "1.2.840.10045.3.1.7": { name: "P-256", allowed: true },
  "1.3.132.0.34": { name: "P-384", allowed: true },
  "1.3.132.0.35": { name: "P-521", allowed: true },
  "1.3.132.0.10": { name: "secp256k1", allowed: false },
  "1.2.840.10045.3.1.1": { name: "P-192", allowed: false },
  "1.3.132.0.33": { name: "P-224", allowed: false },
  "1.3.36.3.3.2.8.1.1.7": { name: "brainpoolP256r1", allowed: false },
};

export const EKU = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  anyExtendedKeyUsage: "2.5.29.37.0",
} as const;

export const EXTENSION_OIDS = {
  subjectAltName: "2.5.29.17",
  extKeyUsage: "2.5.29.37",
  keyUsage: "2.5.29.15",
  basicConstraints: "2.5.29.19",
  cdp: "2.5.29.31",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  /** Microsoft application policies: where present, Windows uses them instead of the EKU. */
  applicationPolicies: "1.3.6.1.4.1.311.21.10",
  /** RFC 6962 §3.1: marks a precertificate, which no relying party may accept. */
  ctPoison: "1.3.6.1.4.1.11129.2.4.3",
} as const;

/**
 * Extensions a Windows relying party (CryptoAPI) and LyncCert recognise: RFC 5280's, the Authority
 * Information Access, CT's SCT list, and AD CS's template and policy extensions. A critical extension not
 * here must make the certificate be rejected (RFC 5280 §4.2; Windows: CERT_E_CRITICAL).
 */
export const RECOGNISED_EXTENSIONS: Record<string, string> = {
  "2.5.29.9": "subjectDirectoryAttributes",
  "2.5.29.14": "subjectKeyIdentifier",
  "2.5.29.15": "keyUsage",
  "2.5.29.17": "subjectAltName",
  "2.5.29.18": "issuerAltName",
  "2.5.29.19": "basicConstraints",
  "2.5.29.30": "nameConstraints",
  "2.5.29.31": "cRLDistributionPoints",
  "2.5.29.32": "certificatePolicies",
  "2.5.29.33": "policyMappings",
  "2.5.29.35": "authorityKeyIdentifier",
  "2.5.29.36": "policyConstraints",
  "2.5.29.37": "extKeyUsage",
  "2.5.29.46": "freshestCRL",
  "2.5.29.54": "inhibitAnyPolicy",
  "1.3.6.1.5.5.7.1.1": "authorityInfoAccess",
  "1.3.6.1.5.5.7.1.11": "subjectInfoAccess",
  "1.3.6.1.5.5.7.48.1.5": "OCSP no check",
  "1.3.6.1.4.1.11129.2.4.2": "CT signed certificate timestamps",
  "1.3.6.1.4.1.311.20.2": "certificate template name (v1)",
  "1.3.6.1.4.1.311.21.7": "certificate template (v2)",
  "1.3.6.1.4.1.311.21.10": "application policies",
  "1.3.6.1.4.1.311.21.1": "CA version",
  "1.3.6.1.4.1.311.21.2": "previous CA certificate hash",
};

export const OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
export const OID_ANY_EKU = "2.5.29.37.0";
/** Microsoft's "all application policies". */
export const OID_ANY_APPLICATION_POLICY = "1.3.6.1.4.1.311.10.12.1";
