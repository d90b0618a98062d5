import { app, BrowserWindow, dialog, ipcMain, session, shell } from "electron";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CHANNELS } from "../../shared/bridge/bridge-contract";
import { createBridgeHandlers } from "../bridge/bridge-handlers";
import { dispatch } from "../bridge/bridge-dispatch";
import type { Dialogs } from "../bridge/dialogs";
import { Keystore } from "../services/keystore/keystore";
import { CONTENT_SECURITY_POLICY, denyAllPermissions, isAllowedNavigation, windowOptions } from "./security-policy";

// Electron's thin glue: window, security hooks, IPC registration, dialogs. Everything else is plain Node.
const appUrl = pathToFileURL(join(__dirname, "..", "renderer", "index.html")).toString();

function electronDialogs(window: () => BrowserWindow | undefined): Dialogs {
  return {
    openFile: async (o) => (await dialog.showOpenDialog(window()!, { title: o.title, filters: o.filters, properties: ["openFile"] })).filePaths[0],
    saveFile: async (o) => (await dialog.showSaveDialog(window()!, { title: o.title, defaultPath: o.defaultName, filters: o.filters })).filePath || undefined,
    showItemInFolder: async (path) => shell.showItemInFolder(path),
    openExternal: (url) => shell.openExternal(url),
  };
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler(denyAllPermissions);
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [CONTENT_SECURITY_POLICY] } });
  });
  let main: BrowserWindow | undefined;
  const handlers = createBridgeHandlers({ store: new Keystore(join(app.getPath("userData"), "store")), dialogs: electronDialogs(() => main), now: () => new Date() });
  for (const channel of Object.values(CHANNELS)) {
    ipcMain.handle(channel, (event, payload) => dispatch(handlers, channel, payload, event.senderFrame?.url, appUrl));
  }
  main = new BrowserWindow(windowOptions(join(__dirname, "preload.cjs")));
  main.once("ready-to-show", () => main?.show());
  void main.loadURL(appUrl);
});

app.on("web-contents-created", (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
  contents.on("will-navigate", (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on("will-attach-webview", (event) => event.preventDefault());
});

app.on("window-all-closed", () => app.quit());
