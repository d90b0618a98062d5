import { EXTENSION_OIDS, OID_ANY_APPLICATION_POLICY, OID_ANY_EKU, OID_SERVER_AUTH, RECOGNISED_EXTENSIONS } from "../../x509/algorithms";
import type { CertificateFacts } from "../../x509/certificate-facts";
import { shownName } from "../../x509/names";
import { fail, pass, type Outcome, type Rule } from "../finding";

const always = () => true;
const named = (c: CertificateFacts) => shownName(c.subject);

/** Whether a purpose list (EKU or application policies) allows TLS server authentication: absent, any, or Server Authentication. */
function allowsServerAuth(purposes: readonly string[] | null, any: string): boolean {
  return purposes === null || purposes.includes(OID_SERVER_AUTH) || purposes.includes(any);
}

/** What RFC 5280 and Windows check beyond the signatures: purposes along the chain, critical extensions understood. */
export const PURPOSE_RULES: Rule[] = [
  {
    id: "X509-CHAIN-PURPOSE",
    source: "RFC 5280 §4.2.1.12; Windows CertGetCertificateChain (EKU and application policies are intersected along the chain)",
    summary: "every CA on the path, and the leaf's application policies, allow Server Authentication",
    needsPlan: false,
    applies: always,
    check: ({ chain, leaf }) => {
      const out: Outcome[] = [];
      if (!allowsServerAuth(leaf.applicationPolicies, OID_ANY_APPLICATION_POLICY))
        out.push(
          fail(
            "error",
            "applicationPolicies",
            `its Microsoft application policies (${leaf.applicationPolicies!.join(", ")}) lack Server Authentication: Windows uses them instead of the EKU, so this is not a server certificate on Windows; re-issue from a template whose application policies include Server Authentication`,
          ),
        );
      for (const { cert } of chain.links.slice(1)) {
        if (!allowsServerAuth(cert.eku, OID_ANY_EKU))
          out.push(
            fail(
              "error",
              "chain",
              `the CA "${named(cert)}" limits its EKU to ${cert.eku!.join(", ")}, without Server Authentication: Windows and openssl refuse the chain for TLS ("unsuitable certificate purpose"); issue from a CA that allows it`,
            ),
          );
        if (!allowsServerAuth(cert.applicationPolicies, OID_ANY_APPLICATION_POLICY))
          out.push(
            fail(
              "error",
              "chain",
              `the CA "${named(cert)}" limits its application policies to ${cert.applicationPolicies!.join(", ")}, without Server Authentication: Windows refuses the chain for TLS`,
            ),
          );
      }
      return out.length ? out : [pass("chain", "the leaf and every CA on its path allow Server Authentication")];
    },
  },
  {
    id: "X509-CRITICAL-EXT",
    source: "RFC 5280 §4.2; RFC 6962 §3.1",
    summary: "no critical extension the relying party does not recognise",
    needsPlan: false,
    applies: always,
    check: ({ leaf }) => {
      if (leaf.criticalExtensions.includes(EXTENSION_OIDS.ctPoison))
        return [
          fail(
            "error",
            "extensions",
            "this is a precertificate (its critical CT poison extension 1.3.6.1.4.1.11129.2.4.3 says so), which the CA logs to Certificate Transparency and no client accepts: download the issued certificate from the CA",
          ),
        ];
      const unknown = leaf.criticalExtensions.filter((oid) => !(oid in RECOGNISED_EXTENSIONS));
      return unknown.length
        ? unknown.map((oid) =>
            fail("error", "extensions", `the critical extension ${oid} is not one Windows recognises: it must reject the certificate (CERT_E_CRITICAL); re-issue without it`),
          )
        : [pass("extensions", "every critical extension is a recognised one")];
    },
  },
];
