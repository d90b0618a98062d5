import { spawnSync } from "node:child_process";

export interface Timing {
  label: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export interface Step {
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** A measured thing: the commands of its run `i` (several steps time as one). */
export interface Contender {
  label: string;
  steps: (i: number) => Step[];
}

/** Runs one contender `runs` times and returns the median wall time of its steps together. */
export function timeCommands(label: string, runs: number, steps: (i: number) => Step[]): Timing {
  return timeInterleaved(runs, [{ label, steps }])[0]!;
}

export function row(t: Timing): string {
  return `${t.label.padEnd(58)}${t.medianMs.toFixed(0).padStart(8)} ms  (min ${t.minMs.toFixed(0)}, max ${t.maxMs.toFixed(0)}, n=${t.runs})`;
}

/**
 * Runs several contenders in turn, `runs` rounds, so that the machine's drift affects all alike, and returns
 * each one's timing (median over the rounds).
 */
export function timeInterleaved(runs: number, contenders: Contender[]): Timing[] {
  const samples = contenders.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    contenders.forEach((c, k) => {
      const start = process.hrtime.bigint();
      for (const step of c.steps(i)) {
        const r = spawnSync(step.cmd, step.args, { env: { ...process.env, ...step.env }, encoding: "utf8" });
        if (r.status !== 0) throw new Error(`${c.label}: ${step.cmd} ${step.args.join(" ")} failed: ${r.stderr}`);
      }
      samples[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return contenders.map((c, k) => {
    const s = samples[k]!.sort((a, b) => a - b);
    return { label: c.label, medianMs: s[Math.floor(s.length / 2)]!, minMs: s[0]!, maxMs: s[s.length - 1]!, runs };
  });
}
