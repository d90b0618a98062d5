import { contextBridge, ipcRenderer } from "electron";
import { createBridgeApi } from "./bridge-api";

// Sandboxed preload: exposes verbs only; the page never sees ipcRenderer or IPC events.
contextBridge.exposeInMainWorld(
  "lynccert",
  createBridgeApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
