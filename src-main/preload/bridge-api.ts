import type { Envelope, LyncCertBridge } from "../../shared/bridge/bridge-contract";
import { VERB_CHANNELS } from "../../shared/bridge/bridge-contract";

export type Invoke = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

/** A failed bridge call, with the field or rule main named. */
export class BridgeCallError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    super(message);
    this.name = "BridgeCallError";
  }
}

/** Verbs that take one value, wrapped into the payload object main expects. */
const WRAP: Partial<Record<keyof LyncCertBridge, string>> = {
  saveSite: "text",
  saveCurrentSite: "text",
  saveCsv: "text",
  saveRequestFile: "id",
  showInFolder: "id",
  showWritten: "path",
  openDocumentation: "url",
};

/**
 * The object the preload exposes as window.lynccert: one function per verb, each sending its payload on
 * its fixed channel and unwrapping the envelope. Neither ipcRenderer nor any event reaches the page.
 */
export function createBridgeApi(invoke: Invoke): LyncCertBridge {
  const api = {} as Record<keyof LyncCertBridge, (arg?: unknown) => Promise<unknown>>;
  for (const [verb, channel] of Object.entries(VERB_CHANNELS) as [keyof LyncCertBridge, string][]) {
    const key = WRAP[verb];
    api[verb] = async (arg?: unknown) => {
      const result = await invoke(channel, key ? { [key]: arg } : arg);
      if (result.ok) return result.value;
      throw new BridgeCallError(result.error.message, result.error.field, result.error.rule);
    };
  }
  return Object.freeze(api) as unknown as LyncCertBridge;
}
