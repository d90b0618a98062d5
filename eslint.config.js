// Lint: typescript-eslint's type-aware rules where they catch bugs, eslint-plugin-svelte for the renderer,
// and the layering rule (who may import what) enforced here as well as by test/shared/layering.test.ts.
import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Modules of Node and Electron, by name (bare names as `paths`: a pattern "crypto" would also match ../crypto/). */
const NODE_OR_ELECTRON = ["electron", "fs", "fs/promises", "path", "os", "child_process", "crypto", "http", "https", "net", "tls", "worker_threads", "url", "util", "stream"];
const restrict = (message, ...groups) => ["error", { paths: NODE_OR_ELECTRON.map((name) => ({ name, message })), patterns: [{ group: ["node:*"], message }, ...groups] }];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test-results/", "bench-results/", "scratch/", "release/", "shared/rules/reference-rules.generated.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  // CommonJS files (the CLI's launcher) load with require.
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: [".svelte"] } },
  },
  {
    // shared/ runs anywhere: no Node, no Electron, nothing of main or the renderer.
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict("shared/ is pure TypeScript: no Node or Electron modules", {
        group: ["**/src-main/**", "**/src-renderer/**"],
        message: "shared/ imports nothing of main or the renderer",
      }),
    },
  },
  {
    // The renderer talks to main only through the bridge: it imports shared/ and the contract's types, never main.
    files: ["src-renderer/**/*.ts", "src-renderer/**/*.svelte"],
    rules: {
      "no-restricted-imports": restrict("the renderer reaches main only through the bridge", {
        group: ["**/src-main/**"],
        message: "the renderer reaches main only through the bridge",
      }),
    },
  },
);
