import { runCli } from "./main";

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text, options) => process.stderr.write(options?.newline === false ? text : text + "\n"),
  env: process.env,
  stdinIsTty: Boolean(process.stdin.isTTY),
  stderrIsTty: Boolean(process.stderr.isTTY),
}).then((code) => {
  process.exitCode = code;
});
