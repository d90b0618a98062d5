import type { Worker } from "node:worker_threads";
import { InputError } from "../../shared/errors";
import type { TaskArgs, TaskName, TaskResult, TaskRunner, WorkerReply } from "./untrusted-tasks";

export interface WorkerLimits {
  /** A task still running after this is abandoned and its worker ended. */
  timeoutMs: number;
}

/** Limits for the app: a probe's own deadlines come first; anything beyond this is a runaway. */
export const APP_WORKER_LIMITS: WorkerLimits = { timeoutMs: 120_000 };

/** The worker's heap ceiling: a blow-up ends the worker, never the app. */
export const WORKER_HEAP_MB = 1024;

/**
 * Runs untrusted-input tasks in a worker thread, one worker at a time, started on first use and again
 * after a crash or a timeout. The window's event loop only waits for a message.
 */
export class WorkerRunner implements TaskRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(
    private readonly start: () => Worker,
    private readonly limits: WorkerLimits = APP_WORKER_LIMITS,
  ) {}

  run<K extends TaskName>(task: K, args: TaskArgs<K>): Promise<TaskResult<K>> {
    const worker = this.current();
    const id = this.nextId++;
    return new Promise<TaskResult<K>>((resolve, reject) => {
      const timer = setTimeout(
        () => this.abandon(new InputError(`the ${task} task did not finish within ${this.limits.timeoutMs / 1000} s and was stopped; what it had finished is kept`)),
        this.limits.timeoutMs,
      );
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      worker.postMessage({ id, task, args });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private current(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start();
    // Only the current worker's end fails the waiting tasks: an abandoned one's exit comes later, and the
    // tasks waiting by then belong to its successor.
    worker.on("message", (reply: WorkerReply) => this.settle(reply));
    worker.on("error", (e) => {
      if (this.worker === worker) this.abandon(new InputError(`the input could not be processed: ${e.message.split("\n")[0]}`));
    });
    worker.on("exit", (code) => {
      if (this.worker === worker) this.abandon(new InputError(`the input could not be processed (the worker stopped with code ${code}, probably out of memory)`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    clearTimeout(waiting.timer);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(reply.error.input ? new InputError(reply.error.message, { field: reply.error.field, rule: reply.error.rule }) : new Error(reply.error.message));
  }

  /** Fails every waiting task and ends the worker; the next task starts a fresh one. */
  private abandon(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
    void worker?.terminate();
  }
}
