import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CHANNELS, VERB_CHANNELS } from "../../shared/bridge/bridge-contract";
import { dispatch, isTrustedSender } from "../../src-main/bridge/bridge-dispatch";
import { isAllowedExternalUrl } from "../../src-main/bridge/external-links";
import { APP_URL, CONTENT_SECURITY_POLICY, denyAllPermissions, isAllowedNavigation, rendererFile, windowOptions } from "../../src-main/electron/security-policy";
import { BridgeCallError, createBridgeApi } from "../../src-main/preload/bridge-api";
import { InputError } from "../../shared/errors";

// Electron's binary is not available here: the glue runs against this stand-in, which records what it is asked.
const fake = vi.hoisted(() => {
  const listeners: Record<string, (...args: any[]) => void> = {};
  return {
    listeners,
    handled: [] as string[],
    windows: [] as any[],
    permissionHandler: undefined as unknown,
    exposed: [] as [string, any][],
    ready: undefined as undefined | (() => void),
    schemes: [] as unknown[],
    protocolHandlers: {} as Record<string, (request: Request) => Promise<Response>>,
  };
});
vi.mock("electron", () => {
  class BrowserWindow {
    constructor(readonly options: unknown) {
      fake.windows.push(this);
    }
    once() {}
    loadURL = vi.fn(async () => {});
  }
  return {
    app: {
      whenReady: () => ({ then: (fn: () => void) => (fake.ready = fn) }),
      on: (event: string, fn: (...a: any[]) => void) => (fake.listeners[event] = fn),
      getPath: () => "/tmp/lynccert-userdata",
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string) => fake.handled.push(channel) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => (fake.protocolHandlers[scheme] = handler),
    },
    session: {
      defaultSession: { setPermissionRequestHandler: (h: unknown) => (fake.permissionHandler = h), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } },
    },
    dialog: {},
    shell: {},
    safeStorage: { isAsyncEncryptionAvailable: async () => false, encryptStringAsync: vi.fn(), decryptStringAsync: vi.fn() },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push([key, api]) },
    ipcRenderer: { invoke: vi.fn() },
  };
});

const APP = "file:///opt/LyncCert/resources/app.asar/dist/renderer/index.html";

describe("window options (Electron security checklist)", () => {
  it("isolate, sandbox and never give the page Node or webviews", () => {
    expect(windowOptions("/app/preload.cjs").webPreferences).toEqual({
      preload: "/app/preload.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    });
  });
});

describe("Content-Security-Policy", () => {
  it("allows only the app's own scripts, no eval, nothing remote", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it("the page's meta tag says the same (frame-ancestors only works as a header)", () => {
    const html = readFileSync(fileURLToPath(new URL("../../src-renderer/index.html", import.meta.url)), "utf8");
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ""));
  });
});

describe("navigation, permissions and external links", () => {
  it.each([
    [APP, true],
    [`${APP}#requests`, true],
    ["file:///etc/passwd", false],
    ["file:///opt/LyncCert/resources/app.asar/dist/renderer/other.html", false],
    ["https://evil.example/", false],
    ["javascript:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["not a url", false],
  ])("navigation to %s allowed: %s", (url, allowed) => {
    expect(isAllowedNavigation(url, APP)).toBe(allowed);
  });

  it("denies every permission request", () => {
    for (const permission of ["media", "geolocation", "notifications", "clipboard-read", "openExternal", "fullscreen"]) {
      const callback = vi.fn();
      denyAllPermissions({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it.each([
    ["https://learn.microsoft.com/en-us/lyncserver/lync-server-2013-certificate-infrastructure-requirements", true],
    ["https://github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/blob/live/x.md", true],
    ["http://learn.microsoft.com/", false],
    ["https://learn.microsoft.com.evil.example/", false],
    ["https://user:pw@learn.microsoft.com/", false],
    ["https://learn.microsoft.com:8443/", false],
    ["https://github.com/attacker/repo", false],
    ["file:///C:/Windows/System32/calc.exe", false],
    ["ms-settings:privacy", false],
    ["javascript:alert(1)", false],
  ])("openExternal %s allowed: %s", (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe("bridge dispatch: sender and payload are checked on every call", () => {
  const handlers = Object.fromEntries(Object.values(CHANNELS).map((c) => [c, vi.fn(async (p: unknown) => ({ echoed: p }))])) as never;

  it.each([
    [APP, true],
    ["file://evil-host/opt/LyncCert/resources/app.asar/dist/renderer/index.html", false],
    ["file:///tmp/evil/index.html", false],
    ["https://evil.example/index.html", false],
    ["about:blank", false],
    [undefined, false],
    ["", false],
  ])("sender %s trusted: %s", (sender, trusted) => {
    expect(isTrustedSender(sender, APP)).toBe(trusted);
  });

  it("refuses unknown channels, including prefix look-alikes", async () => {
    for (const channel of ["lynccert:eval", "lynccert:", "other:site.open", "lynccert:site.open ", "__proto__", "constructor"]) {
      expect(await dispatch(handlers, channel, undefined, APP, APP)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^unknown channel/) } });
    }
  });

  it("refuses a call from any other page", async () => {
    expect(await dispatch(handlers, CHANNELS.listRequests, undefined, "https://evil.example/", APP)).toEqual({
      ok: false,
      error: { message: "call refused: it does not come from LyncCert's own page" },
    });
  });

  it.each([
    [CHANNELS.saveRequestFile, { id: "../../etc/passwd" }],
    [CHANNELS.saveRequestFile, { id: "ok", extra: 1 }],
    [CHANNELS.exportPfx, { id: "a", profile: "aes", includeRoot: false, passphrase: "x", password: "y", withScript: true }],
    [CHANNELS.generateRequest, { site: {}, planRequest: { role: "front-end" }, key: "rsa1024", subject: {}, template: null, crlf: true, passphrase: "p" }],
    [CHANNELS.generateRequest, { site: {}, planRequest: { role: "front-end", types: ["Evil"] }, key: "rsa2048", subject: {}, template: null, crlf: true, passphrase: "p" }],
    [CHANNELS.verifyCertificate, { fileName: "x.cer", base64: "not base64!!", site: null, planRequest: null }],
    [CHANNELS.openDocumentation, { url: 42 }],
    [CHANNELS.listRequests, { sneaky: true }],
  ])("refuses a malformed payload on %s", async (channel, payload) => {
    const result = await dispatch(handlers, channel, payload, APP, APP);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^invalid request for/) } });
  });

  it("answers with the envelope even for payloads a schema cannot look at (BigInt, deep nesting)", async () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const base = { planRequest: { role: "front-end" }, key: "rsa2048", subject: {}, template: null, crlf: true, passphrase: "long enough" };
    for (const site of [{ big: 10n }, deep]) {
      expect(await dispatch(handlers, CHANNELS.generateRequest, { ...base, site }, APP, APP)).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/^invalid request for lynccert:/) },
      });
    }
  });

  it("passes a valid payload to its handler and wraps errors", async () => {
    expect(await dispatch(handlers, CHANNELS.saveRequestFile, { id: "front-end-fe01-20261125-abcdef" }, APP, APP)).toEqual({
      ok: true,
      value: { echoed: { id: "front-end-fe01-20261125-abcdef" } },
    });
    const failing = {
      ...(handlers as object),
      [CHANNELS.listRequests]: async () => {
        throw new InputError("no store", { field: "store", rule: "X" });
      },
    } as never;
    expect(await dispatch(failing, CHANNELS.listRequests, undefined, APP, APP)).toEqual({ ok: false, error: { message: "no store", field: "store", rule: "X" } });
    const crashing = {
      ...(handlers as object),
      [CHANNELS.listRequests]: async () => {
        throw new Error("boom\n    at secret/stack.js");
      },
    } as never;
    expect(await dispatch(crashing, CHANNELS.listRequests, undefined, APP, APP)).toEqual({ ok: false, error: { message: "unexpected error: boom" } });
  });
});

describe("the renderer is served from app://, never from file://", () => {
  const dir = "/opt/LyncCert/resources/app.asar/dist/renderer";
  it.each([
    [APP_URL, `${dir}/index.html`],
    ["app://lynccert/assets/index-abc.js", `${dir}/assets/index-abc.js`],
    ["app://lynccert/assets/index-abc.css?v=1#x", `${dir}/assets/index-abc.css`],
    ["app://lynccert/../../../etc/passwd", undefined],
    ["app://lynccert/%2e%2e/%2e%2e/secret.js", `${dir}/secret.js`],
    ["app://lynccert/assets/..%2f..%2fmain/electron-main.cjs", undefined],
    ["app://lynccert/assets%5c..%5c..%5cmain%5cpreload.cjs", undefined],
    ["app://lynccert/x%00.js", undefined],
    ["app://lynccert/%E0%A4%A", undefined],
    ["app://other-host/index.html", undefined],
    ["app://user:pw@lynccert/index.html", undefined],
    ["file:///opt/LyncCert/resources/app.asar/dist/renderer/index.html", undefined],
    ["app://lynccert/key.p8.pem", undefined],
  ])("%s → %s", (url, path) => {
    expect(rendererFile(url, dir)?.path).toBe(path);
  });
});

describe("preload surface", () => {
  it("exposes exactly the verbs of the contract, frozen, and nothing of IPC", () => {
    const api = createBridgeApi(async () => ({ ok: true, value: null }));
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "acmeAccount",
        "acmeCancelOrder",
        "acmeCompleteOrder",
        "acmeDirectoryInfo",
        "acmePrepareOrder",
        "acmeRenewRound",
        "buildKits",
        "checkRequest",
        "exportPem",
        "exportPfx",
        "forgetPassphrase",
        "generateRequest",
        "importAnswers",
        "importCertificate",
        "importTopology",
        "listRequests",
        "loadCurrentSite",
        "makeRequestFolder",
        "openDocumentation",
        "openSite",
        "passphraseMemory",
        "planKits",
        "planRenewal",
        "probeEndpoint",
        "renewRequest",
        "saveCsv",
        "saveCurrentSite",
        "saveInf",
        "saveRequestFile",
        "saveSite",
        "showInFolder",
        "showWritten",
        "verifyCertificate",
      ]
    `);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((f) => typeof f === "function")).toBe(true);
  });

  it("sends each verb on its own channel and turns an error envelope into an exception", async () => {
    const invoke = vi.fn(async (channel: string) =>
      channel === CHANNELS.listRequests ? { ok: false as const, error: { message: "denied", rule: "R" } } : { ok: true as const, value: "v" },
    );
    const api = createBridgeApi(invoke);
    expect(await api.saveRequestFile("abc")).toBe("v");
    expect(invoke).toHaveBeenLastCalledWith(VERB_CHANNELS.saveRequestFile, { id: "abc" });
    await expect(api.listRequests()).rejects.toEqual(new BridgeCallError("denied", undefined, "R"));
  });
});

describe("Electron glue wiring (electron mocked: the binary is not available here)", () => {
  beforeEach(() => vi.resetModules());

  it("registers one handler per channel, denies permissions, creates the window from windowOptions", async () => {
    await import("../../src-main/electron/electron-main");
    fake.ready!();
    expect([...fake.handled].sort()).toEqual(Object.values(CHANNELS).sort());
    const callback = vi.fn();
    (fake.permissionHandler as typeof denyAllPermissions)({}, "media", callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.windows[0].options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(fake.windows[0].loadURL).toHaveBeenCalledWith("app://lynccert/index.html");
    expect(fake.schemes).toEqual([{ scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect((await fake.protocolHandlers.app!(new Request("app://lynccert/../main/preload.cjs"))).status).toBe(404);
  });

  it("denies new windows, foreign navigation and webviews on every web contents", async () => {
    await import("../../src-main/electron/electron-main");
    const on: Record<string, (e: { preventDefault: () => void }, url?: string) => void> = {};
    let openHandler: (() => unknown) | undefined;
    fake.listeners["web-contents-created"]!({}, { setWindowOpenHandler: (h: () => unknown) => (openHandler = h), on: (ev: string, fn: any) => (on[ev] = fn) });
    expect(openHandler!()).toEqual({ action: "deny" });
    for (const url of ["https://evil.example/", "file:///etc/passwd"]) {
      const event = { preventDefault: vi.fn() };
      on["will-navigate"]!(event, url);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    on["will-attach-webview"]!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it("the preload exposes window.lynccert with the contract's verbs only", async () => {
    await import("../../src-main/preload/preload");
    expect(fake.exposed.map(([key]) => key)).toEqual(["lynccert"]);
    expect(Object.keys(fake.exposed[0]![1]).sort()).toEqual(Object.keys(VERB_CHANNELS).sort());
    for (const forbidden of ["ipcRenderer", "invoke", "send", "on", "sendSync", "postMessage"]) expect(fake.exposed[0]![1]).not.toHaveProperty(forbidden);
  });
});
