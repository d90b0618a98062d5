import { readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanRequest } from "../../shared/planner/plan-types";
import type { Site } from "../../shared/site/site-types";
import { loadCertificates, verifyCertificates } from "../../src-main/services/certificate-service";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { createRequest } from "../../src-main/services/request-service";
import { siteWith } from "../helpers/sites";
import { TestCa } from "../helpers/test-ca";

const dir = mkdtempSync(join(tmpdir(), "lynccert-roundtrip-"));
let ca: TestCa;
/** The test CA's root stands in for a public root here, as a CA an admin's servers trust would. */
let trustedRoots: string[];

beforeAll(() => {
  ca = TestCa.create(join(dir, "ca"));
  trustedRoots = [...rootCertificates, readFileSync(ca.root, "utf8")];
});

const standard = () => siteWith(() => {});
const SHAPES: [string, () => Site, PlanRequest][] = [
  ["Standard Edition, combined", standard, { role: "standard-edition", server: "se01.contoso.net" }],
  ["Standard Edition, Default only", standard, { role: "standard-edition", server: "se01.contoso.net", types: ["Default"] }],
  ["Front End, combined", standard, { role: "front-end", server: "fe01.contoso.net" }],
  ["Front End, Web internal", standard, { role: "front-end", server: "fe01.contoso.net", types: ["WebServicesInternal"] }],
  ["Front End, Web external", standard, { role: "front-end", server: "fe01.contoso.net", types: ["WebServicesExternal"] }],
  ["Front End, wildcards", standard, { role: "front-end", server: "fe02.contoso.net", wildcards: true }],
  [
    "Front End, strict DNS and sipinternal/sipexternal",
    () => siteWith((j) => ((j.pools[0].autoSignInStrictDns = true), (j.features.sipInternalExternalRecords = true))),
    { role: "front-end", server: "fe01.contoso.net" },
  ],
  ["Director, combined", standard, { role: "director", server: "dir01.contoso.net" }],
  ["Director, Default", standard, { role: "director", server: "dir01.contoso.net", types: ["Default"] }],
  ["Mediation", standard, { role: "mediation", server: "medsvr01.contoso.net" }],
  ["Survivable Branch Appliance", standard, { role: "survivable-branch-appliance" }],
  ["Edge external, combined with XMPP", standard, { role: "edge-external" }],
  ["Edge external, without XMPP", () => siteWith((j) => (j.features.xmppDomains = [])), { role: "edge-external" }],
  ["Edge external, AOL", () => siteWith((j) => (j.features.publicImAol = true)), { role: "edge-external" }],
  ["Edge external, Access and Web Conferencing only", standard, { role: "edge-external", types: ["AccessEdgeExternal", "DataEdgeExternal"] }],
  ["Edge external, decoupled A/V Authentication", standard, { role: "edge-external", types: ["AudioVideoAuthentication"] }],
  ["Edge internal", standard, { role: "edge-internal" }],
  ["Reverse proxy", standard, { role: "reverse-proxy" }],
  ["Reverse proxy, wildcards", standard, { role: "reverse-proxy", wildcards: true }],
  ["Persistent Chat", standard, { role: "persistent-chat" }],
  ["OAuthTokenIssuer", standard, { role: "oauth-token-issuer" }],
];

let n = 0;
describe("a certificate issued exactly from the plan, sent as leaf + intermediate without the root, passes clean", () => {
  it.each(SHAPES)(
    "%s: 0 errors, 0 warnings",
    async (_name, site, planRequest) => {
      const i = n++;
      const csr = join(dir, `r${i}.req`);
      const store = new Keystore(join(dir, `store${i}`));
      const { plan } = await createRequest({
        site: site(),
        planRequest,
        key: "rsa2048",
        hash: undefined,
        subject: { O: "Contoso" },
        template: "WebServer",
        passphrase: "round-trip-passphrase",
        store,
        out: csr,
        crlf: false,
        force: false,
      });
      const leaf = ca.issue(csr, join(dir, `leaf${i}.pem`), { san: plan.san.map((s) => s.name), eku: plan.eku.join(",") });
      const bundle = join(dir, `bundle${i}.pem`);
      writeFileSync(bundle, [leaf, ca.intermediate].map((f) => readFileSync(f, "utf8")).join(""));
      const report = await verifyCertificates({
        certificates: (await loadCertificates(bundle)).certificates,
        plan,
        at: new Date(),
        store: await store.index(),
        keyMatchRequired: true,
        trustedRoots,
      });
      const loud = report.findings.filter((f) => f.status === "error" || f.status === "warning");
      expect(loud).toEqual([]);
    },
    60_000,
  );
});
