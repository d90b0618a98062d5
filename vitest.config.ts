import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "node", include: ["test/shared/**/*.test.ts", "test/main/**/*.test.ts", "test/e2e/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        // svelteTesting: browser build of Svelte and cleanup after each test.
        plugins: [svelte(), svelteTesting()],
        test: { name: "renderer", include: ["test/renderer/**/*.test.ts"], environment: "jsdom" },
      },
    ],
  },
});
