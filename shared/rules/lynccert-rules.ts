/**
 * LyncCert's own rules: conclusions the reference does not state as rules, each with its reasoning and
 * the public sources behind it, so a reader can check it in one glance. Ids start with LC-.
 */
export const LYNCCERT_RULES = {
  "LC-ECDSA-CNG": {
    level: "SHOULD",
    sources: ["PFXImportCertStore (learn.microsoft.com, wincrypt.h)", "Lync Support for CryptoAPI:NG Certificates (Perficient, 2013)"],
    text:
      "Lync Server 2010 and 2013 use only private keys held by a legacy CryptoAPI CSP. Windows keeps ECDSA keys only in a CNG key storage provider, " +
      "so an ECDSA certificate fails on Lync Server 2013 at Set-CsCertificate although COMMON-KEY-ALG lists ECDH_P256/384/521. Use RSA 2048 for Lync 2013; " +
      "ECDSA only where the Skype for Business Server version in use is known to accept CNG keys.",
  },
  "LC-CDP-LDAP-ONLY": {
    level: "SHOULD",
    sources: ["S-EXT"],
    text: "Edge Servers and reverse proxies sit outside the domain and cannot reach an LDAP CRL distribution point: their certificates need an HTTP CDP.",
  },
} as const;

export type LyncCertRuleId = keyof typeof LYNCCERT_RULES;
