import { fail, pass, type Rule, type ValidationContext } from "../finding";

const isReverseProxy = (ctx: ValidationContext) => ctx.plan?.role === "reverse-proxy";

/** The reverse proxy's request, step by step (§10, S-RP-REQ): what a CA template may change. */
export const REVERSE_PROXY_RULES: Rule[] = [
  {
    id: "RP-KU",
    source: "S-RP-REQ",
    summary: "Key Usage Digital Signature + Key Encipherment, critical",
    needsPlan: true,
    applies: isReverseProxy,
    check: ({ leaf }) => {
      const ku = leaf.keyUsage;
      const needed = (1 << 0) | (1 << 2);
      if (!ku) return [fail("warning", "keyUsage", "no Key Usage extension; the reverse proxy's request asks for Digital Signature and Key Encipherment, critical")];
      if ((ku.flags & needed) !== needed)
        return [fail("warning", "keyUsage", "Key Usage lacks Digital Signature or Key Encipherment, which the reverse proxy's TLS listener needs")];
      if (!ku.critical) return [fail("warning", "keyUsage", "Key Usage is not marked critical, as the reverse proxy's request asks")];
      return [pass("keyUsage", "Digital Signature and Key Encipherment, critical")];
    },
  },
  {
    id: "RP-EKU-CLIENT",
    source: "S-RP-REQ",
    summary: "Enhanced Key Usage not critical",
    needsPlan: true,
    applies: (ctx) => isReverseProxy(ctx) && ctx.leaf.eku !== null,
    check: ({ leaf }) =>
      leaf.ekuCritical
        ? [
            fail(
              "warning",
              "extKeyUsage",
              "the Enhanced Key Usage extension is marked critical; the reverse proxy's request asks for it not critical (some clients refuse a critical EKU)",
            ),
          ]
        : [pass("extKeyUsage", "Enhanced Key Usage not critical")],
  },
];
