import { runCli } from "./main";

// `lynccert roles | head -1`: the reader closed the pipe. That is the reader's choice, not an error: stop
// writing and exit quietly, as Unix tools do, instead of a stack trace from an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text, options) => process.stderr.write(options?.newline === false ? text : text + "\n"),
  env: process.env,
  stdinIsTty: Boolean(process.stdin.isTTY),
  stderrIsTty: Boolean(process.stderr.isTTY),
}).then((code) => {
  process.exitCode = code;
});
