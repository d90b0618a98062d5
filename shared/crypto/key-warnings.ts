import type { LyncCertRuleId } from "../rules/lynccert-rules";
import type { KeySpec } from "./key-spec";

export interface KeyWarning {
  rule: LyncCertRuleId;
  text: string;
}

/** What an admin must know about a key choice before the CA signs it (LC-ECDSA-CNG). */
export function keyWarnings(key: KeySpec): KeyWarning[] {
  if (key === "rsa2048" || key === "rsa4096") return [];
  return [
    {
      rule: "LC-ECDSA-CNG",
      text: "ECDSA keys live only in a CNG key storage provider on Windows, and Lync Server 2010/2013 use only CryptoAPI keys: this certificate will fail at Set-CsCertificate on Lync Server 2013. Use RSA 2048 unless your Skype for Business Server is known to accept CNG keys.",
    },
  ];
}
