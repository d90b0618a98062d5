import { expiringWindowDays } from "../../certificates/certificate-state";
import { shownName } from "../../x509/names";
import { fail, pass, type Outcome, type Rule } from "../finding";

const DAY = 86_400_000;
const always = () => true;
const day = (d: Date) => d.toISOString().slice(0, 10);
/** Given certificates off the path are named up to this many in one notice: a bundle of thousands makes one line. */
const MAX_UNUSED_NAMED = 5;

/** Generic X.509 checks (LyncCert's own ids, RFC 5280 as source). */
export const X509_RULES: Rule[] = [
  {
    id: "X509-PARSE",
    source: "RFC 5280 §4.1",
    summary: "the certificate and its extensions decode",
    needsPlan: false,
    applies: always,
    check: ({ leaf }) => (leaf.extensionProblems.length ? leaf.extensionProblems.map((p) => fail("error", "extensions", p)) : [pass("certificate", "decodes cleanly")]),
  },
  {
    id: "X509-VALIDITY",
    source: "RFC 5280 §4.1.2.5",
    summary: "within its validity period",
    needsPlan: false,
    applies: always,
    check: ({ leaf, at }) => {
      const t = at.getTime();
      if (t > leaf.notAfter.getTime()) return [fail("error", "validity.notAfter", `expired on ${leaf.notAfter.toISOString()}: renew it`)];
      if (t < leaf.notBefore.getTime())
        return [fail("warning", "validity.notBefore", `not valid before ${leaf.notBefore.toISOString()}; check the clocks of the CA and the servers`)];
      const days = Math.floor((leaf.notAfter.getTime() - t) / DAY);
      if (days < expiringWindowDays(leaf.notBefore.toISOString(), leaf.notAfter.toISOString()))
        return [
          fail(
            "warning",
            "validity.notAfter",
            `expires in ${days} day${days === 1 ? "" : "s"} (${leaf.notAfter.toISOString()}), in the last third of its lifetime: plan the renewal now`,
          ),
        ];
      return [pass("validity", `valid until ${leaf.notAfter.toISOString()} (${days} days)`)];
    },
  },
  {
    id: "X509-SIGNATURE",
    source: "RFC 5280 §6.1.3",
    summary: "signature verifies with the issuer's key",
    needsPlan: false,
    applies: always,
    check: ({ chain }) => {
      const signature = chain.links[0]?.signature;
      if (signature === true) return [pass("signatureValue", "the signature verifies with the issuer's public key")];
      if (signature === false)
        return [fail("error", "signatureValue", "the signature does not verify with the issuer's public key: the file is damaged or the chain belongs to another certificate")];
      if (signature === "issuer not given") return [{ status: "na", field: "signatureValue", message: "issuer not given; signature not checked" }];
      return [fail("notice", "signatureValue", `signature ${signature}`)];
    },
  },
  {
    id: "X509-CHAIN",
    source: "RFC 5280 §6.1",
    summary: "every certificate given is signed by the next, through CAs",
    needsPlan: false,
    applies: always,
    check: ({ chain, leaf, at }) => {
      const out: Outcome[] = [];
      if (chain.missingIssuerOf === leaf && chain.links.length === 1 && chain.unused.length === 0) {
        out.push(
          fail(
            "notice",
            "chain",
            `the issuing CA's certificate ("${shownName(leaf.issuer)}") was not given and LyncCert has not seen it before, so the chain is incomplete: import the CA's certificate or its .p7b chain`,
          ),
        );
      } else if (chain.missingIssuerOf === leaf) {
        out.push(fail("warning", "chain", `the issuer of the certificate ("${leaf.issuer}") is not among the certificates given: ask the CA for the chain that belongs to it`));
      } else if (chain.missingIssuerOf) {
        // Root absent is normal: public CAs and AD CS exports send the leaf and intermediates only.
        out.push(
          fail(
            "notice",
            "chain",
            `the chain ends at "${chain.missingIssuerOf.subject}"; its issuer "${chain.missingIssuerOf.issuer}" was not given and is not a public root: every server and client must trust that root`,
          ),
        );
      }
      for (const link of chain.links.slice(1)) {
        // Windows checks the time of every certificate of the chain, root included (CERT_TRUST_IS_NOT_TIME_VALID).
        if (link.cert.notAfter < at)
          out.push(fail("error", "chain", `the CA certificate "${link.cert.subject}" on the path expired on ${day(link.cert.notAfter)}: ask the CA for its current chain`));
        if (link.cert.notBefore > at) out.push(fail("error", "chain", `the CA certificate "${link.cert.subject}" on the path is not valid before ${day(link.cert.notBefore)}`));
        if (!link.cert.basicConstraints?.ca) out.push(fail("error", "chain", `"${link.cert.subject}" issued a certificate but is not a CA (basicConstraints cA is not set)`));
        if (link.cert.keyUsage && !(link.cert.keyUsage.flags & (1 << 5))) out.push(fail("error", "chain", `"${link.cert.subject}" lacks keyCertSign in its Key Usage`));
        if (link.signature === false) out.push(fail("error", "chain", `the signature of "${link.cert.subject}" does not verify with its issuer's key`));
      }
      if (chain.unused.length) {
        const named = chain.unused.slice(0, MAX_UNUSED_NAMED).map((c) => `"${c.subject}"`);
        const more = chain.unused.length - named.length;
        out.push(
          fail("notice", "chain", `${named.join(", ")}${more ? ` and ${more} more` : ""} ${chain.unused.length === 1 ? "was" : "were"} given but not on this certificate's path`),
        );
      }
      if (!out.some((f) => f.status === "error" || f.status === "warning")) {
        const path = chain.links.map((l) => shownName(l.cert.subject)).join(" → ");
        const chosen = chain.pathsTried > 1 ? ` (the best of ${chain.pathsTried} possible paths)` : "";
        const completed = chain.fromKnown.length ? `, completed with ${chain.fromKnown.map((c) => shownName(c.subject)).join(", ")} kept from earlier answers` : "";
        out.unshift(
          pass(
            "chain",
            `${chain.anchor ? `${path} (a public root${chain.anchor.der !== chain.links[chain.links.length - 1]!.cert.der ? `: ${chain.anchor.subject}` : ""})` : path}${chosen}${completed}`,
          ),
        );
      }
      return out;
    },
  },
  {
    id: "X509-KEY-MATCH",
    source: "RFC 5280 §4.1.2.7",
    summary: "matches the key of a pending request, by SPKI",
    needsPlan: false,
    applies: always,
    check: ({ keyMatch }) => {
      if (keyMatch.status === "match") return [pass("subjectPublicKeyInfo", `matches the key of pending request ${keyMatch.requestId}`)];
      if (keyMatch.status === "not-checked") return [{ status: "na", field: "subjectPublicKeyInfo", message: keyMatch.why }];
      return [
        fail(
          keyMatch.required ? "error" : "notice",
          "subjectPublicKeyInfo",
          `matches none of the ${keyMatch.requestsChecked} pending request${keyMatch.requestsChecked === 1 ? "" : "s"} in the keystore: it answers a request made elsewhere, or the CA returned another request's certificate`,
        ),
      ];
    },
  },
];
