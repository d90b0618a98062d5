import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "../../shared/bridge/bridge-contract";
import { createBridgeHandlers } from "../../src-main/bridge/bridge-handlers";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { useTempDirs } from "../helpers/temp-dir";
import { testWorkerRunner } from "../helpers/worker";

const tempDir = useTempDirs();

describe("showWritten: the renderer can reveal only what main wrote in this session", () => {
  it("refuses any other path, and shows a file once main saved it", async () => {
    const dir = tempDir();
    const shown: string[] = [];
    const csv = join(dir, "list.csv");
    const handlers = createBridgeHandlers({
      store: new Keystore(join(dir, "store")),
      dialogs: {
        openFile: async () => undefined,
        openFiles: async () => [],
        openFolder: async () => undefined,
        saveFile: async () => csv,
        showItemInFolder: async (p) => void shown.push(p),
        openExternal: async () => undefined,
      },
      now: () => new Date(),
      tasks: testWorkerRunner(),
    });
    await expect(handlers[CHANNELS.showWritten]({ path: "/etc/passwd" })).rejects.toThrow("only a file or folder written in this session can be shown");
    await expect(handlers[CHANNELS.showWritten]({ path: csv })).rejects.toThrow();
    await handlers[CHANNELS.saveCsv]({ text: "a,b\r\n" });
    await handlers[CHANNELS.showWritten]({ path: csv });
    expect(shown).toEqual([csv]);
  });
});
