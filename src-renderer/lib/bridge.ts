import type { LyncCertBridge } from "../../shared/bridge/bridge-contract";
import { appWords } from "./field-labels";

declare global {
  interface Window {
    lynccert: LyncCertBridge;
  }
}

/** The preload's verbs; the renderer has no other way to reach main. */
export function bridge(): LyncCertBridge {
  return window.lynccert;
}

/** An error in the app's words (no command-line option names), with its rule id. */
export function errorText(error: unknown): string {
  const e = error as { message?: string; rule?: string };
  return appWords(`${e.message ?? String(error)}${e.rule && !String(e.message).includes(e.rule) ? ` (${e.rule})` : ""}`);
}
