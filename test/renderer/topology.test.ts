import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it } from "vitest";
import type { RequestRow } from "../../shared/bridge/bridge-contract";
import { planSite } from "../../shared/planner/plan-all";
import { parseSite } from "../../shared/site/parse-site";
import ServerCheck from "../../src-renderer/components/ServerCheck.svelte";
import { EXAMPLE_SITE } from "../../src-renderer/lib/example-site";
import { topologyCsv, topologyRows } from "../../src-renderer/lib/topology-status";
import { wizard } from "../../src-renderer/lib/wizard-state.svelte";
import TopologyStep from "../../src-renderer/steps/TopologyStep.svelte";
import TopologyView from "../../src-renderer/views/TopologyView.svelte";
import { fakeBridge, resetWizard } from "./setup";

beforeEach(() => resetWizard());
const NOW = new Date("2026-11-25T12:00:00Z");
const row = (over: Partial<RequestRow>): RequestRow => ({
  notBefore: null,
  id: "r",
  status: "issued",
  role: "front-end",
  server: "fe01.contoso.net",
  cn: "pool01.contoso.net",
  types: ["Default", "WebServicesInternal", "WebServicesExternal"],
  key: "rsa2048",
  createdAt: "2026-11-01T00:00:00Z",
  notAfter: "2027-11-01T00:00:00Z",
  thumbprint: "AB",
  errors: 0,
  warnings: 0,
  findings: [],
  issuerMissing: null,
  renews: null,
  replacedBy: null,
  publicCa: false,
  ...over,
});

describe("whole-topology states", () => {
  const plans = planSite(parseSite(structuredClone(EXAMPLE_SITE)));

  it("planned, waiting for the CA, needs re-issue, with warnings, valid, expiring, expired, from the newest request for each certificate", () => {
    const states = (requests: RequestRow[]) => topologyRows(plans, requests, NOW).find((r) => r.plan.server === "fe01.contoso.net")!.state;
    expect(states([])).toBe("planned");
    expect(states([row({ status: "pending", notAfter: null, errors: null })])).toBe("pending");
    expect(states([row({})])).toBe("valid");
    expect(states([row({ notAfter: "2026-12-10T00:00:00Z" })])).toBe("expiring");
    expect(states([row({ notAfter: "2026-11-01T00:00:00Z" })])).toBe("expired");
    expect(states([row({ errors: 2 })])).toBe("needs-reissue");
    // An error is never outlived by expiry or hidden by warnings: a faulty certificate needs re-issue first.
    expect(states([row({ errors: 1, warnings: 3, notAfter: "2026-12-10T00:00:00Z" })])).toBe("needs-reissue");
    expect(states([row({ warnings: 1 })])).toBe("warnings");
    expect(states([row({ notAfter: "2026-11-01T00:00:00Z" }), row({ id: "newer", createdAt: "2026-11-20T00:00:00Z" })])).toBe("valid");
    expect(states([row({ types: ["Default"] })])).toBe("planned");
  });

  it("exports RFC 4180 CSV with CRLF and quoted cells", () => {
    const csv = topologyCsv(topologyRows(plans, [row({ id: 'with "quote", comma' })], NOW));
    expect(csv.split("\r\n")[0]).toBe("Role,Server,Types,Subject CN,SAN names,State,Request,Expires");
    expect(csv).toContain("front-end,fe01.contoso.net,Default WebServicesInternal WebServicesExternal,pool01.contoso.net,");
    expect(csv).toContain('"with ""quote"", comma"');
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("the view lists every certificate and saves the CSV through the bridge", async () => {
    const api = fakeBridge({ listRequests: async () => [row({})] });
    render(TopologyView);
    await screen.findByText("valid");
    expect(within(screen.getByRole("table", { name: "Certificates of the topology" })).getAllByRole("row")).toHaveLength(1 + plans.length);
    await fireEvent.click(screen.getByRole("button", { name: "Export as CSV…" }));
    expect(api.saveCsv).toHaveBeenCalledWith(expect.stringMatching(/^Role,Server/));
  });
});

describe("import topology and check a server", () => {
  it("step 1 imports a topology and shows what was assumed", async () => {
    fakeBridge({
      importTopology: async () => ({
        path: "/t/fabrikam.tbxml",
        format: "Topology Builder document (.tbxml)",
        site: { ...EXAMPLE_SITE, sipDomains: ["fabrikam.com"] },
        assumptions: ["TOPO-SIMPLEURL: assumed meet.fabrikam.com"],
      }),
    });
    render(TopologyStep, { problems: [] });
    await fireEvent.click(screen.getByRole("button", { name: "Import topology…" }));
    await screen.findByText("TOPO-SIMPLEURL: assumed meet.fabrikam.com");
    expect(wizard.siteDraft.sipDomains).toEqual(["fabrikam.com"]);
  });

  it("checks a server, with the wizard's role when asked", async () => {
    const api = fakeBridge({
      probeEndpoint: async () => ({
        endpoint: { host: "sip.contoso.com", port: 443, protocol: "TLSv1.2", cipher: "TLS_X", trustedPublicly: true },
        chain: ["CN=sip.contoso.com"],
        findings: [],
        errors: 0,
        warnings: 0,
        certificate: {} as never,
        skipped: undefined,
      }),
    });
    wizard.role = "edge-external";
    render(ServerCheck);
    await fireEvent.input(screen.getByLabelText(/^Server/), { target: { value: "sip.contoso.com:443" } });
    await fireEvent.click(screen.getByLabelText(/Also check it against the role/));
    await fireEvent.click(screen.getByRole("button", { name: "Check the server" }));
    await screen.findByText(/TLSv1.2, TLS_X — 0 errors/);
    expect(api.probeEndpoint).toHaveBeenCalledWith(
      expect.objectContaining({ target: "sip.contoso.com:443", sni: null, planRequest: expect.objectContaining({ role: "edge-external" }) }),
    );
  });
});
