import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "../../shared/bridge/bridge-contract";
import { createBridgeHandlers } from "../../src-main/bridge/bridge-handlers";
import { Keystore } from "../../src-main/services/keystore/keystore";
import { ScriptedDialogs } from "../helpers/scripted-dialogs";
import { useTempDirs } from "../helpers/temp-dir";
import { testWorkerRunner } from "../helpers/worker";

const tempDir = useTempDirs();

describe("showWritten: the renderer can reveal only what main wrote in this session", () => {
  it("refuses any other path, and shows a file once main saved it", async () => {
    const dir = tempDir();
    const dialogs = new ScriptedDialogs(dir);
    const csv = join(dir, "lynccert-topology.csv");
    const handlers = createBridgeHandlers({
      store: new Keystore(join(dir, "store")),
      dialogs,
      now: () => new Date(),
      tasks: testWorkerRunner(),
    });
    await expect(handlers[CHANNELS.showWritten]({ path: "/etc/passwd" })).rejects.toThrow("only a file or folder written in this session can be shown");
    await expect(handlers[CHANNELS.showWritten]({ path: csv })).rejects.toThrow();
    await handlers[CHANNELS.saveCsv]({ text: "a,b\r\n" });
    await handlers[CHANNELS.showWritten]({ path: csv });
    expect(dialogs.shown).toEqual([csv]);
  });
});
