import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from "electron";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { CHANNELS } from "../../shared/bridge/bridge-contract";
import { createBridgeHandlers } from "../bridge/bridge-handlers";
import { dispatch } from "../bridge/bridge-dispatch";
import type { Dialogs } from "../bridge/dialogs";
import { Keystore } from "../services/keystore/keystore";
import { safeStorageVault } from "./safe-storage-vault";
import { WORKER_HEAP_MB, WorkerRunner } from "../workers/worker-runner";
import { APP_SCHEME, APP_URL, CONTENT_SECURITY_POLICY, denyAllPermissions, isAllowedNavigation, rendererFile, windowOptions } from "./security-policy";

// Electron's thin glue: window, security hooks, IPC registration, dialogs. Everything else is plain Node.
const rendererDir = join(__dirname, "..", "renderer");
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** Serves dist/renderer under app://, each response with the CSP; anything else is 404. */
async function serveRenderer(request: Request): Promise<Response> {
  const file = rendererFile(request.url, rendererDir);
  const body = file && (await readFile(file.path).catch(() => undefined));
  if (!file || !body) return new Response("Not found", { status: 404 });
  return new Response(body, { headers: { "Content-Type": file.type, "Content-Security-Policy": CONTENT_SECURITY_POLICY } });
}

function electronDialogs(window: () => BrowserWindow | undefined): Dialogs {
  return {
    openFile: async (o) => (await dialog.showOpenDialog(window()!, { title: o.title, filters: o.filters, properties: ["openFile"] })).filePaths[0],
    openFiles: async (o) => (await dialog.showOpenDialog(window()!, { title: o.title, filters: o.filters, properties: ["openFile", "multiSelections"] })).filePaths,
    openFolder: async (o) => (await dialog.showOpenDialog(window()!, { title: o.title, properties: ["openDirectory", "createDirectory"] })).filePaths[0],
    saveFile: async (o) => (await dialog.showSaveDialog(window()!, { title: o.title, defaultPath: o.defaultName, filters: o.filters })).filePath || undefined,
    showItemInFolder: async (path) => shell.showItemInFolder(path),
    openExternal: (url) => shell.openExternal(url),
  };
}

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler(denyAllPermissions);
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, serveRenderer);
  // The window exists before the bridge is registered, and loads the page only after.
  const main = new BrowserWindow(windowOptions(join(__dirname, "preload.cjs")));
  const tasks = new WorkerRunner(() => new Worker(join(__dirname, "untrusted-worker.cjs"), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }));
  const handlers = createBridgeHandlers({
    store: new Keystore(join(app.getPath("userData"), "store")),
    dialogs: electronDialogs(() => main),
    now: () => new Date(),
    tasks,
    vault: safeStorageVault(safeStorage),
    // A private ACME server's root (public CAs are trusted through the system's roots).
    acmeCa: process.env.LYNCCERT_ACME_CA_FILE ? readFileSync(process.env.LYNCCERT_ACME_CA_FILE, "utf8") : undefined,
  });
  for (const channel of Object.values(CHANNELS)) {
    ipcMain.handle(channel, (event, payload) => dispatch(handlers, channel, payload, event.senderFrame?.url, APP_URL));
  }
  main.once("ready-to-show", () => main.show());
  void main.loadURL(APP_URL);
});

app.on("web-contents-created", (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
  contents.on("will-navigate", (event, url) => {
    if (!isAllowedNavigation(url, APP_URL)) event.preventDefault();
  });
  contents.on("will-attach-webview", (event) => event.preventDefault());
});

app.on("window-all-closed", () => app.quit());
