import { createReadStream, existsSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CONTENT_SECURITY_POLICY } from "../../src-main/electron/security-policy";
import { createBridgeHandlers } from "../../src-main/bridge/bridge-handlers";
import { dispatch } from "../../src-main/bridge/bridge-dispatch";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { findBrowser, missingTool } from "../helpers/test-tools";
import { ScriptedDialogs } from "../helpers/scripted-dialogs";
import { testWorkerRunner } from "../helpers/worker";

function missingBrowser(): never {
  throw new Error(missingTool() ?? "no browser");
}

const root = fileURLToPath(new URL("../..", import.meta.url));
export const RENDERER_DIR = join(root, "dist/renderer");
export const SCREENSHOTS = join(root, "test-results/screenshots");
/** Found by test/helpers/test-tools.ts: npm test checks first, and says what to install when there is none. */
export const CHROMIUM = findBrowser();

export interface BridgeCall {
  channel: string;
  payload: unknown;
  response: unknown;
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    const file = path.endsWith("/") ? join(path, "index.html") : path;
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CONTENT_SECURITY_POLICY });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/index.html` })));
}

export interface App {
  page: Page;
  calls: BridgeCall[];
  dialogs: ScriptedDialogs;
  store: Keystore;
  appUrl: string;
  screenshot(name: string): Promise<void>;
  /** Step 1's "Open site file…" with the scripted dialog answering `path`. */
  openSite(path: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The desktop app minus Electron's glue: the built renderer in Debian's Chromium, the preload's bridge bound
 * through exposeBinding to the real dispatcher and main-process services. Every bridge call is recorded.
 */
export async function launchApp(storeDir: string, outDir: string, viewport = { width: 1280, height: 900 }, deps: { acmeCa?: string } = {}): Promise<App> {
  if (!existsSync(join(RENDERER_DIR, "index.html"))) throw new Error("dist/renderer is missing: run npm run build first");
  mkdirSync(SCREENSHOTS, { recursive: true });
  const preload = await build({
    entryPoints: [join(root, "test/e2e/browser-preload-entry.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    logLevel: "silent",
  });
  const { server, url: appUrl } = await serve(RENDERER_DIR);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM ?? missingBrowser(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context: BrowserContext = await browser.newContext({ viewport });
  const dialogs = new ScriptedDialogs(outDir);
  const store = new Keystore(storeDir);
  const tasks = testWorkerRunner();
  const handlers = createBridgeHandlers({ store, dialogs, now: () => new Date(), tasks, acmeCa: deps.acmeCa });
  const calls: BridgeCall[] = [];
  await context.exposeBinding("__lynccertInvoke", async ({ frame }, channel: string, payload: unknown) => {
    const response = await dispatch(handlers, channel, payload, frame.url(), appUrl);
    calls.push({ channel, payload, response });
    return response;
  });
  await context.addInitScript({ content: preload.outputFiles[0]!.text });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(appUrl);
  return {
    page,
    calls,
    dialogs,
    store,
    appUrl,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    openSite: async (path) => {
      dialogs.toOpen.push(path);
      await page.getByRole("button", { name: "Open site file…" }).click();
      await page.getByText(`Opened ${path}`).waitFor();
    },
    close: async () => {
      await browser.close();
      await tasks.close();
      server.close();
      if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    },
  };
}
