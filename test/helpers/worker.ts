import { Worker } from "node:worker_threads";
import { WORKER_HEAP_MB, WorkerRunner, type WorkerLimits } from "../../src-main/workers/worker-runner";

const ENTRY = new URL("../../src-main/workers/untrusted-worker.ts", import.meta.url).href;

/** The app's worker runner on the TypeScript entry (tsx registers itself in the worker first). */
export function testWorkerRunner(limits?: WorkerLimits, heapMb = WORKER_HEAP_MB): WorkerRunner {
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(ENTRY)}); })`;
  return new WorkerRunner(() => new Worker(boot, { eval: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } }), limits);
}
