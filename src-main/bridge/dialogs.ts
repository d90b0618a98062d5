/** What main needs from the desktop shell: Electron's dialog and shell in the app, a scripted stand-in in tests. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Dialogs {
  openFile(options: { title: string; filters: FileFilter[] }): Promise<string | undefined>;
  /** Several files at once; empty when cancelled. */
  openFiles(options: { title: string; filters: FileFilter[] }): Promise<string[]>;
  openFolder(options: { title: string }): Promise<string | undefined>;
  /** The OS save dialog asks before replacing an existing file. */
  saveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | undefined>;
  showItemInFolder(path: string): Promise<void>;
  openExternal(url: string): Promise<void>;
}

export const FILTERS = {
  site: [{ name: "LyncCert site file", extensions: ["json"] }],
  request: [{ name: "Certificate request", extensions: ["req", "csr", "txt"] }],
  pfx: [{ name: "PFX (PKCS #12)", extensions: ["pfx", "p12"] }],
  pem: [{ name: "PEM certificate bundle", extensions: ["pem", "crt", "cer"] }],
  inf: [{ name: "certreq INF", extensions: ["inf"] }],
  topology: [{ name: "Lync topology", extensions: ["tbxml", "xml"] }],
  csv: [{ name: "CSV", extensions: ["csv"] }],
  answers: [{ name: "Certificates from the CA", extensions: ["cer", "crt", "pem", "der", "p7b", "p7c"] }],
} as const satisfies Record<string, FileFilter[]>;
