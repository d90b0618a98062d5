import { runCli } from "./main";

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
  env: process.env,
  stdinIsTty: Boolean(process.stdin.isTTY),
}).then((code) => {
  process.exitCode = code;
});
