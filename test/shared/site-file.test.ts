import { describe, expect, it } from "vitest";
import { InputErrors } from "../../shared/errors";
import { parseSite } from "../../shared/site/parse-site";
import { exampleSiteJson } from "../helpers/sites";

function problemsOf(change: (j: Record<string, any>) => void): string[] {
  const json = exampleSiteJson();
  change(json);
  try {
    parseSite(json, "site.json");
  } catch (e) {
    expect(e).toBeInstanceOf(InputErrors);
    return (e as InputErrors).problems.map((p) => p.message);
  }
  return [];
}

describe("site file validation names the field and the problem", () => {
  it("accepts the README example and lower-cases names (CONV-CASE)", () => {
    const json = exampleSiteJson();
    json.pools[0].servers[0] = "FE01.Contoso.NET";
    expect(parseSite(json).pools[0]!.servers[0]).toBe("fe01.contoso.net");
  });

  it.each([
    ["an FQDN with an underscore", (j: any) => (j.pools[0].servers[1] = "fe_02.contoso.net"), /^pools\[0\]\.servers\[1\]: "fe_02.contoso.net" contains an underscore/],
    ["a label over 63 characters", (j: any) => (j.pools[0].fqdn = `${"a".repeat(64)}.contoso.net`), /^pools\[0\]\.fqdn: .*label of 64 characters/],
    ["a wildcard where a host name is needed", (j: any) => (j.pools[4].accessEdgeFqdn = "*.contoso.com"), /^pools\[4\]\.accessEdgeFqdn: .*wildcard.*WILDCARD-NO-CN/],
    ["a pool without servers where the role needs them", (j: any) => delete j.pools[0].servers, /^pools\[0\]\.servers: a front-end pool needs its servers listed/],
    [
      "a Meet URL for a domain that is not a SIP domain",
      (j: any) => j.simpleUrls.meet.push("meet.litware.org"),
      /^simpleUrls\.meet\[2\]: meet.litware.org is not under any of the 2 SIP domains/,
    ],
    ["a SIP domain without a Meet URL", (j: any) => j.sipDomains.push("litware.com"), /^simpleUrls\.meet: has no Meet URL for SIP domain litware.com/],
    ["a single-label name", (j: any) => (j.pools[3].servers[0] = "medsvr01"), /^pools\[3\]\.servers\[0\]: "medsvr01" is a single label/],
    ["a URL instead of a host", (j: any) => (j.simpleUrls.dialin[0] = "https://dialin.contoso.com"), /^simpleUrls\.dialin\[0\]: .*looks like a URL/],
    ["an unknown role", (j: any) => (j.pools[0].role = "frontend"), /^pools\[0\]\.role: must be one of standard-edition/],
    ["a typo in a field name", (j: any) => (j.features.mobilty = true), /^features\.mobilty: unknown field/],
    ["an edge pool without its Access Edge FQDN", (j: any) => delete j.pools[4].accessEdgeFqdn, /^pools\[4\]\.accessEdgeFqdn: an edge pool needs accessEdgeFqdn/],
    ["a front-end pool without external web FQDN", (j: any) => delete j.pools[0].externalWebFqdn, /^pools\[0\]\.externalWebFqdn: .*TOPO-EXTWEB/],
    [
      "a Director sharing the Front End's external web FQDN",
      (j: any) => (j.pools[2].externalWebFqdn = "webext.contoso.com"),
      /^pools\[2\]\.externalWebFqdn: .*DIR-WEBEXT-DISTINCT/,
    ],
    ["a server in two pools", (j: any) => j.pools[3].servers.push("fe01.contoso.net"), /^pools\[3\]: fe01.contoso.net is already used by pools\[0\]/],
    ["an overridden Standard Edition internal web FQDN", (j: any) => (j.pools[1].internalWebFqdn = "web.contoso.net"), /^pools\[1\]\.internalWebFqdn: .*cannot be overridden/],
    ["a non-boolean feature", (j: any) => (j.features.mobility = "yes"), /^features\.mobility: must be true or false/],
    ["an empty SIP domain list", (j: any) => (j.sipDomains = []), /^sipDomains: needs at least 1 host name/],
    ["the internal-domain toggle without internalDomain", (j: any) => delete j.internalDomain && (j.features.lyncdiscoverInternalDomain = true), /AMB-09/],
  ])("refuses %s", (_what, change, expected) => {
    const problems = problemsOf(change);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("reports every problem at once and names the file", () => {
    const json = exampleSiteJson();
    json.pools[0].fqdn = "bad_name.contoso.net";
    json.simpleUrls.dialin = [];
    expect(() => parseSite(json, "contoso.site.json")).toThrow(/^contoso.site.json: 2 problems/);
  });

  it("refuses something that is not an object", () => {
    expect(() => parseSite([], "x.json")).toThrow(/x.json: 1 problem:\n {2}- : must be an object, found a list/);
  });
});

describe("site model: what the reference describes per domain or per pool", () => {
  it("simple URL naming option 3: one shared Meet host serves several SIP domains by path", () => {
    const json = exampleSiteJson();
    json.simpleUrls.meet = ["https://lync.contoso.com/contoso/Meet", "https://lync.contoso.com/fabrikam/Meet"];
    const site = parseSite(json);
    expect(site.simpleUrls.meet).toEqual(["lync.contoso.com"]);
    json.simpleUrls.meet = ["https://lync.contoso.com/contoso/Meet"];
    expect(() => parseSite(json, "site.json")).toThrow(/has no Meet URL for SIP domain fabrikam.com/);
  });

  it("sipinternal/sipexternal records per SIP domain (COMMON-SIPINTEXT): only SIP domains may be listed", () => {
    expect(problemsOf((j) => (j.features.sipInternalExternalDomains = ["contoso.com"]))).toEqual([]);
    expect(problemsOf((j) => (j.features.sipInternalExternalDomains = ["litware.org"]))).toEqual([
      expect.stringMatching(/^features.sipInternalExternalDomains\[0\]: litware.org is not one of the SIP domains/),
    ]);
  });

  it("the reverse proxy publishes the pools the site names, each with an external web FQDN", () => {
    expect(problemsOf((j) => (j.reverseProxy = { publishes: ["pool01.contoso.net"] }))).toEqual([]);
    expect(problemsOf((j) => (j.reverseProxy = { publishes: ["medsvr-pool.contoso.net", "nowhere.contoso.net"] }))).toEqual([
      expect.stringMatching(/reverseProxy.publishes\[0\]: medsvr-pool.contoso.net has no externalWebFqdn/),
      expect.stringMatching(/reverseProxy.publishes\[1\]: nowhere.contoso.net is not a pool of this site/),
    ]);
  });
});
