import { spawnSync } from "node:child_process";

export interface Timing {
  label: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

/** Runs a sequence of commands `runs` times and returns the median wall time of the whole sequence. */
export function timeCommands(label: string, runs: number, make: (i: number) => { cmd: string; args: string[]; env?: NodeJS.ProcessEnv }[]): Timing {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const steps = make(i);
    const start = process.hrtime.bigint();
    for (const step of steps) {
      const r = spawnSync(step.cmd, step.args, { env: { ...process.env, ...step.env }, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${label}: ${step.cmd} ${step.args.join(" ")} failed: ${r.stderr}`);
    }
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { label, medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]!, maxMs: samples[samples.length - 1]!, runs };
}

export function row(t: Timing): string {
  return `${t.label.padEnd(58)}${t.medianMs.toFixed(0).padStart(8)} ms  (min ${t.minMs.toFixed(0)}, max ${t.maxMs.toFixed(0)}, n=${t.runs})`;
}
