import type { LyncCertBridge } from "../../shared/bridge/bridge-contract";

declare global {
  interface Window {
    lynccert: LyncCertBridge;
  }
}

/** The preload's verbs; the renderer has no other way to reach main. */
export function bridge(): LyncCertBridge {
  return window.lynccert;
}

export function errorText(error: unknown): string {
  const e = error as { message?: string; rule?: string };
  return `${e.message ?? String(error)}${e.rule && !String(e.message).includes(e.rule) ? ` (${e.rule})` : ""}`;
}
