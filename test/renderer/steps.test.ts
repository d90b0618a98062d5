import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it } from "vitest";
import { planCertificate } from "../../shared/planner/plan";
import { parseSite } from "../../shared/site/parse-site";
import GenerateStep from "../../src-renderer/steps/GenerateStep.svelte";
import KeyStep from "../../src-renderer/steps/KeyStep.svelte";
import ReviewStep from "../../src-renderer/steps/ReviewStep.svelte";
import RoleStep from "../../src-renderer/steps/RoleStep.svelte";
import SubjectStep from "../../src-renderer/steps/SubjectStep.svelte";
import TopologyStep from "../../src-renderer/steps/TopologyStep.svelte";
import Wizard from "../../src-renderer/views/Wizard.svelte";
import { wizard } from "../../src-renderer/lib/wizard-state.svelte";
import { EXAMPLE_SITE } from "../../src-renderer/lib/example-site";
import { fakeBridge, resetWizard } from "./setup";
import { checkSite } from "../../src-renderer/lib/site-check";

const site = () => parseSite(structuredClone(EXAMPLE_SITE));

beforeEach(() => resetWizard());

describe("step 1: topology", () => {
  it("says the site is valid; otherwise a summary at the top links each wrong value to its field, and lists apart what is still to fill in", async () => {
    fakeBridge();
    const { rerender } = render(TopologyStep, { problems: [] });
    expect(screen.getByRole("status").textContent).toBe("The topology is valid.");
    wizard.siteDraft.pools[0].servers = ["fe01.contoso.net", "fe_02.contoso.net"];
    wizard.siteDraft.pools[0].externalWebFqdn = "";
    await rerender({ problems: checkSite(wizard.siteDraft).problems });
    const summary = screen.getByRole("alert", { name: "Topology problems" });
    expect(summary.textContent).toContain("Pool 1 › Servers: ");
    expect(summary.textContent).toContain("fe_02.contoso.net");
    expect(summary.textContent).not.toMatch(/pools\[0\]|externalWebFqdn/);
    const servers = within(screen.getByRole("group", { name: "Pool 1" })).getByLabelText(/^Servers/);
    expect(servers.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(servers.getAttribute("aria-describedby")!)!.textContent).toContain("contains an underscore");
    // An emptied field is something to fill in, not an error: no red for it.
    expect(summary.textContent).not.toContain("External web FQDN");
    const toFill = screen.getByRole("note", { name: "Still to fill in" });
    await fireEvent.click(within(toFill).getByRole("button", { name: "Pool 1 › External web FQDN" }));
    expect(document.activeElement).toBe(within(screen.getByRole("group", { name: "Pool 1" })).getByLabelText(/^External web FQDN/));
  });

  it("edits the draft as you type, and opens a site file through the bridge", async () => {
    const api = fakeBridge({ openSite: async () => ({ path: "/sites/fabrikam.json", text: JSON.stringify({ ...EXAMPLE_SITE, pools: EXAMPLE_SITE.pools.slice(0, 1) }) }) });
    render(TopologyStep, { problems: [] });
    await fireEvent.input(screen.getByLabelText(/^SIP domains/), { target: { value: "contoso.com, fabrikam.com" } });
    expect(wizard.siteDraft.sipDomains).toEqual(["contoso.com", "fabrikam.com"]);
    await fireEvent.click(screen.getByRole("button", { name: "Open site file…" }));
    await waitFor(() => expect(wizard.siteDraft.pools).toHaveLength(1));
    expect(api.openSite).toHaveBeenCalledOnce();
    expect(screen.getByText("Opened /sites/fabrikam.json")).toBeTruthy();
  });
});

describe("step 2: role and server", () => {
  it("offers the role's servers and the options that matter, each with its rule id", async () => {
    render(RoleStep, { site: site(), error: undefined });
    const server = screen.getByLabelText(/^Server/) as HTMLSelectElement;
    expect([...server.options].map((o) => o.value)).toEqual(["fe01.contoso.net", "fe02.contoso.net"]);
    expect(screen.getByText("MOB-SAN-LYNCDISCOVER")).toBeTruthy();
    await fireEvent.change(screen.getByLabelText(/Certificate role/), { target: { value: "edge-external" } });
    expect(wizard.role).toBe("edge-external");
    expect(screen.getByText("EDGE-EXT-EKU-CLIENT-AOL")).toBeTruthy();
    expect(screen.queryByText(/Use wildcard names/)).toBeNull();
  });

  it("shows why the role cannot be planned", () => {
    render(RoleStep, { site: site(), error: "--server is needed" });
    expect(screen.getByRole("alert").textContent).toBe("--server is needed");
  });
});

describe("step 3: subject details", () => {
  it("offers the country by name (ISO 3166 codes only), limits each field as typed, remembers the details", async () => {
    const { rerender } = render(SubjectStep, { error: undefined });
    const country = screen.getByLabelText(/Country/) as HTMLSelectElement;
    expect([...country.options].some((o) => o.value === "UK")).toBe(false);
    expect([...country.options].find((o) => o.value === "GB")!.textContent).toBe("United Kingdom (GB)");
    expect((screen.getByLabelText(/Organization \(O\)/) as HTMLInputElement).maxLength).toBe(64);
    await fireEvent.change(country, { target: { value: "US" } });
    await fireEvent.input(screen.getByLabelText(/Organization \(O\)/), { target: { value: "Contoso, Ltd" } });
    expect(wizard.subject).toEqual({ C: "US", O: "Contoso, Ltd" });
    expect(JSON.parse(localStorage.getItem("lynccert.subject")!)).toEqual({ C: "US", O: "Contoso, Ltd" });
    await rerender({ error: "subject: C must be a two-letter ISO 3166 country code" });
    expect(screen.getByRole("alert").textContent).toContain("two-letter");
  });
});

describe("step 4: key and signature", () => {
  it("offers only compliant keys, ECDSA only once asked for (LC-ECDSA-CNG), and only RSA for the OAuth certificate", async () => {
    const { rerender } = render(KeyStep, { rsaOnly: false });
    expect(screen.getAllByRole("radio", { name: /RSA|ECDSA/ }).map((r) => (r as HTMLInputElement).value)).toEqual(["rsa2048", "rsa4096", "sha256", "sha384", "sha512"]);
    expect(screen.getByRole("checkbox", { name: /Also offer ECDSA keys: Skype for Business Server 2015 and later only \(Lync Server 2013 cannot use them\)/ })).toBeTruthy();
    await fireEvent.click(screen.getByRole("checkbox", { name: /Also offer ECDSA keys/ }));
    expect(screen.getAllByRole("radio", { name: /RSA|ECDSA/ }).map((r) => (r as HTMLInputElement).value)).toEqual([
      "rsa2048",
      "rsa4096",
      "p256",
      "p384",
      "p521",
      "sha256",
      "sha384",
      "sha512",
    ]);
    expect(screen.getAllByRole("radio").map((r) => r.parentElement!.textContent)).not.toContainEqual(expect.stringMatching(/1024|PSS|SHA-1|MD5/));
    await rerender({ rsaOnly: true });
    expect(screen.queryByLabelText("ECDSA P-256")).toBeNull();
    expect(screen.queryByRole("checkbox", { name: /Also offer ECDSA keys/ })).toBeNull();
    expect(screen.getByText("OAUTH-KEY-2048")).toBeTruthy();
  });

  it("an ECDSA key signs with its curve's hash", async () => {
    render(KeyStep, { rsaOnly: false });
    await fireEvent.click(screen.getByRole("checkbox", { name: /Also offer ECDSA keys/ }));
    await fireEvent.click(screen.getByLabelText("ECDSA P-384"));
    expect(wizard.key).toBe("p384");
    expect(screen.getByText("ECDSA signs with its curve's hash: SHA384.")).toBeTruthy();
  });

  it("warns on every ECDSA choice that Lync Server 2013 cannot use CNG keys (LC-ECDSA-CNG), and not on RSA", async () => {
    render(KeyStep, { rsaOnly: false });
    expect(screen.queryByRole("alert")).toBeNull();
    await fireEvent.click(screen.getByRole("checkbox", { name: /Also offer ECDSA keys/ }));
    for (const curve of ["ECDSA P-256", "ECDSA P-384", "ECDSA P-521"]) {
      await fireEvent.click(screen.getByLabelText(curve));
      expect(screen.getByRole("alert").textContent).toMatch(/CNG key storage provider.*Lync Server 2010\/2013 use only CryptoAPI keys.*Use RSA 2048.*LC-ECDSA-CNG/);
    }
    await fireEvent.click(screen.getByLabelText(/RSA 2048/));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("step 5: review", () => {
  it("shows every SAN with why it is needed and the rules that put it there, before anything is generated", () => {
    const plan = planCertificate(site(), { role: "front-end", server: "fe01.contoso.net" });
    render(ReviewStep, { plan });
    const rows = screen
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.textContent);
    // The reason in words first, the rule ids beside it as tags.
    expect(rows).toContainEqual(expect.stringMatching(/^fe01\.contoso\.netThis server's FQDN.* FE-DEFAULT-SAN-SERVER, FE-WEBINT-SAN-SERVER$/));
    expect(rows).toHaveLength(plan.san.length);
    expect(screen.getByText("Digital Signature, Key Encipherment (critical)")).toBeTruthy();
  });

  it("refuses to review nothing", () => {
    render(ReviewStep, { plan: undefined });
    expect(screen.getByRole("alert").textContent).toMatch(/nothing to review/);
  });
});

describe("step 6: generate", () => {
  it("needs the passphrase twice, shows progress, then offers save, copy and folder", async () => {
    let finish: (v: unknown) => void = () => {};
    const api = fakeBridge({ generateRequest: () => new Promise((r) => (finish = r)) });
    wizard.key = "p256";
    const plan = planCertificate(site(), { role: "edge-external" });
    render(GenerateStep, { plan });
    const button = screen.getByRole("button", { name: "Generate key and request" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.input(await screen.findByLabelText(/Keystore passphrase/), { target: { value: "long enough" } });
    await fireEvent.input(screen.getByLabelText("Passphrase again"), { target: { value: "different!!" } });
    expect(screen.getByText("The two passphrases differ.")).toBeTruthy();
    expect(button.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Passphrase again"), { target: { value: "long enough" } });
    await fireEvent.click(button);
    expect(screen.getByRole("status").textContent).toMatch(/Generating the P256 key/);
    expect(api.generateRequest).toHaveBeenCalledWith(
      expect.objectContaining({ key: "p256", hash: undefined, passphrase: "long enough", planRequest: { role: "front-end", wildcards: false } }),
    );
    finish({ id: "edge-external-lsedge-20261125-abcdef", plan, csrPem: "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n" });
    await screen.findByText(/is ready/);
    expect(screen.getByRole("heading", { name: "Submit it to a public CA EDGE-EXT-CA-PUBLIC" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Save .req…" }));
    expect(api.saveRequestFile).toHaveBeenCalledWith("edge-external-lsedge-20261125-abcdef");
    await fireEvent.click(screen.getByRole("button", { name: "Open folder" }));
    expect(api.showInFolder).toHaveBeenCalled();
  });

  it("tells how to submit an internal request: AD CS web enrollment or certreq with the request's own template", async () => {
    const plan = planCertificate(site(), { role: "front-end", server: "fe01.contoso.net" });
    fakeBridge({
      generateRequest: async () => ({ id: "front-end-fe01-20261125-abcdef", plan, csrPem: "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n" }),
    });
    render(GenerateStep, { plan });
    await fireEvent.input(await screen.findByLabelText(/Keystore passphrase/), { target: { value: "long enough" } });
    await fireEvent.input(screen.getByLabelText("Passphrase again"), { target: { value: "long enough" } });
    await fireEvent.click(screen.getByRole("button", { name: "Generate key and request" }));
    await screen.findByText(/is ready/);
    const steps = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(screen.getByRole("heading", { name: /internal enterprise CA \(AD CS\)/ })).toBeTruthy();
    expect(steps).toContain('Or on a domain computer: certreq -submit -attrib "CertificateTemplate:WebServer" request.req issued.cer');
    expect(steps.join(" ")).toMatch(/template conflict/);
  });

  it("shows the bridge's error", async () => {
    fakeBridge({ generateRequest: async () => Promise.reject(Object.assign(new Error("--key: refused"), { rule: "OAUTH-KEY-2048" })) });
    render(GenerateStep, { plan: planCertificate(site(), { role: "oauth-token-issuer" }) });
    await fireEvent.input(await screen.findByLabelText(/Keystore passphrase/), { target: { value: "long enough" } });
    await fireEvent.input(screen.getByLabelText("Passphrase again"), { target: { value: "long enough" } });
    await fireEvent.click(screen.getByRole("button", { name: "Generate key and request" }));
    // In the app's words: no command-line option names.
    expect((await screen.findByRole("alert")).textContent).toBe("Key: refused (OAUTH-KEY-2048)");
  });
});

describe("the wizard", () => {
  it("cannot be moved past a step that is not valid", async () => {
    fakeBridge();
    render(Wizard);
    const next = screen.getByRole("button", { name: "Next" }) as HTMLButtonElement;
    expect(next.disabled).toBe(false);
    await fireEvent.input(screen.getByLabelText(/^SIP domains/), { target: { value: "bad_domain.com" } });
    expect(next.disabled).toBe(true);
    expect((screen.getByRole("button", { name: "3. Subject details" }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText(/^SIP domains/), { target: { value: "contoso.com" } });
    await fireEvent.click(next);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("2. Role and server");
  });
});
