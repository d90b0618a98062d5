import type { BrowserWindowConstructorOptions } from "electron";
import { extname, resolve, sep } from "node:path";

/**
 * The renderer is served from a custom, privileged scheme, not file://: file:// pages get privileges a web
 * page never has, and with the grantFileProtocolExtraPrivileges fuse off (electron-builder.yml) they are
 * not needed (Electron security checklist, "Avoid usage of the file:// protocol").
 */
export const APP_SCHEME = "app";
const APP_HOST = "lynccert";
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** The file of dist/renderer an app:// request names, or undefined for anything outside it or unknown. */
export function rendererFile(requestUrl: string, rendererDir: string): { path: string; type: string } | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes("\0") || pathname.includes("\\")) return undefined;
  const root = resolve(rendererDir);
  const path = resolve(root, `.${pathname}`);
  const type = MIME_TYPES[extname(path)];
  return path.startsWith(root + sep) && type ? { path, type } : undefined;
}

/** The renderer's Content-Security-Policy: only the app's own scripts, no eval, no remote anything. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Window options, deep-compared by a test: isolation, sandbox, no Node, no webview. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 820,
    minWidth: 820,
    minHeight: 600,
    title: "LyncCert",
    show: false,
    backgroundColor: "#f6f7f9",
    webPreferences: {
      preload: preloadPath,
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
    },
  };
}

/** The page may only ever be the app's own index.html; everything else is refused. */
export function isAllowedNavigation(target: string, appUrl: string): boolean {
  try {
    const t = new URL(target);
    const a = new URL(appUrl);
    return t.protocol === a.protocol && t.host === a.host && t.pathname === a.pathname;
  } catch {
    return false;
  }
}

/** Every permission request (camera, notifications, geolocation, clipboard-read, ...) is denied. */
export function denyAllPermissions(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}
