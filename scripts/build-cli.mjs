// Bundles the CLI as CommonJS: an entry holding only the command index, and one self-contained file per
// command that the entry requires when that command runs. Measured on Node 20 (issue 13, `npm run bench --
// startup`): a CommonJS file starts about 8 ms sooner than an ES module, and every further module in the
// graph cost about 2 ms, so esbuild's shared chunks made start-up slower than a little duplicated code does.
// shared/errors is one file of its own so that `instanceof InputError` holds between entry and command.
import { readdirSync, rmSync } from "node:fs";
import { basename, resolve } from "node:path";
import { build } from "esbuild";

const OUT = "dist/cli";
const ERRORS = resolve("shared/errors");
const COMMANDS_DIR = resolve("src-main/cli/commands");
const INDEX = resolve("src-main/cli/command-index.ts");

/** Keeps shared/errors, and the command index's commands, out of a bundle: they are required at run time. */
function cliModules(errorsFile) {
  return {
    name: "lynccert-cli-modules",
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const target = resolve(args.resolveDir, args.path);
        if (target === ERRORS) return { path: errorsFile, external: true };
        if (args.importer === INDEX && resolve(target, "..") === COMMANDS_DIR) return { path: `./commands/${basename(target)}.cjs`, external: true };
        return undefined;
      });
    },
  };
}

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // As require, not import(): an import() left in CommonJS starts Node's ES module loader, the cost avoided here.
  supported: { "dynamic-import": false },
  minify: true,
  legalComments: "none",
  logLevel: "warning",
};

rmSync(OUT, { recursive: true, force: true });
await build({ ...common, entryPoints: ["shared/errors.ts"], outfile: `${OUT}/errors.cjs` });
await build({ ...common, entryPoints: ["src-main/cli/lynccert.ts"], outfile: `${OUT}/lynccert.cjs`, plugins: [cliModules("./errors.cjs")] });
await build({
  ...common,
  entryPoints: readdirSync(COMMANDS_DIR).map((f) => `${COMMANDS_DIR}/${f}`),
  outdir: `${OUT}/commands`,
  outExtension: { ".js": ".cjs" },
  plugins: [cliModules("../errors.cjs")],
});
