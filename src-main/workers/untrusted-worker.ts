import { parentPort } from "node:worker_threads";
import { InputError } from "../../shared/errors";
import { UNTRUSTED_TASKS, type WorkerReply, type WorkerRequest } from "./untrusted-tasks";

// The worker thread's entry: runs one task per message and answers with its value or its error.
parentPort!.on("message", (request: WorkerRequest) => void answer(request));

async function answer({ id, task, args }: WorkerRequest): Promise<void> {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, value: await (UNTRUSTED_TASKS[task] as (a: unknown) => Promise<unknown>)(args) };
  } catch (e) {
    const error = e as Error;
    reply = { id, ok: false, error: { message: error.message, input: e instanceof InputError, ...(e instanceof InputError ? { field: e.field, rule: e.rule } : {}) } };
  }
  parentPort!.postMessage(reply);
}
