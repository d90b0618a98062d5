// Builds the desktop app's main process and preload (CommonJS, as Electron loads them) and the renderer.
import { build } from "esbuild";
import { build as viteBuild } from "vite";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", external: ["electron"], logLevel: "warning", legalComments: "none" };
await build({ ...common, entryPoints: ["src-main/electron/electron-main.ts"], outfile: "dist/main/electron-main.cjs" });
await build({ ...common, entryPoints: ["src-main/preload/preload.ts"], outfile: "dist/main/preload.cjs" });
await build({ ...common, entryPoints: ["src-main/workers/untrusted-worker.ts"], outfile: "dist/main/untrusted-worker.cjs" });
await viteBuild({ configFile: "vite.config.ts", logLevel: "warn" });
