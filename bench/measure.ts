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

/**
 * Runs several commands in turn, `runs` rounds, so that the machine's drift affects all alike, and returns
 * each one's timing (median over the rounds).
 */
export function timeInterleaved(runs: number, commands: { label: string; cmd: string; args: string[] }[]): Timing[] {
  const samples = commands.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    commands.forEach((c, k) => {
      const start = process.hrtime.bigint();
      const r = spawnSync(c.cmd, c.args, { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${c.label} failed: ${r.stderr}`);
      samples[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return commands.map((c, k) => {
    const s = samples[k]!.sort((a, b) => a - b);
    return { label: c.label, medianMs: s[Math.floor(s.length / 2)]!, minMs: s[0]!, maxMs: s[s.length - 1]!, runs };
  });
}
