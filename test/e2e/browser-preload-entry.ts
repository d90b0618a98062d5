// The preload's own bridge factory, bound to Playwright's exposeBinding instead of ipcRenderer.invoke.
import { createBridgeApi } from "../../src-main/preload/bridge-api";

const w = window as unknown as { lynccert: unknown; __lynccertInvoke: (channel: string, payload: unknown) => Promise<never> };
w.lynccert = createBridgeApi((channel, payload) => w.__lynccertInvoke(channel, payload));
