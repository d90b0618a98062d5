import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

/** The renderer: built to dist/renderer with relative paths, loaded from file:// by Electron. */
export default defineConfig({
  root: "src-renderer",
  base: "./",
  plugins: [svelte()],
  build: { outDir: "../dist/renderer", emptyOutDir: true, target: "chrome120", sourcemap: false },
});
