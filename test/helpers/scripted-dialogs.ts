import { join } from "node:path";
import type { Dialogs } from "../../src-main/bridge/dialogs";

/** Stand-in for the OS dialogs: saves go to the output folder under the suggested name; opens take a queued path. */
export class ScriptedDialogs implements Dialogs {
  readonly opened: string[] = [];
  readonly shown: string[] = [];
  readonly filesToOpen: string[][] = [];
  readonly foldersToOpen: string[] = [];
  constructor(
    readonly outDir: string,
    readonly toOpen: string[] = [],
  ) {}
  async openFile() {
    return this.toOpen.shift();
  }
  async openFiles() {
    return this.filesToOpen.shift() ?? [];
  }
  async openFolder() {
    return this.foldersToOpen.shift();
  }
  async saveFile(o: { defaultName: string }) {
    return join(this.outDir, o.defaultName);
  }
  async showItemInFolder(path: string) {
    this.shown.push(path);
  }
  async openExternal(url: string) {
    this.opened.push(url);
  }
}
