// `lab replay` of a run in a real 80x24 terminal (tmux), opened three times: time to the first frame, time per key
// (step right, next finding, end/start), and the resident memory of the lab process; printed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tmux } from '../test/e2e/tmux.ts';

const root = resolve(import.meta.dirname, '..');
const counter = (screen: string) => screen.match(/event (\d+)\/(\d+)/);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const median = (xs: number[]) => quantile(xs, 0.5);
const max = (xs: number[]) => Math.max(...xs);

function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+) kB`))![1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function timed(t: Tmux, key: string, changed: (before: string, after: string) => boolean): Promise<number> {
  const before = t.screen();
  const start = performance.now();
  t.keys(key);
  for (;;) {
    const after = t.screen();
    if (changed(before, after)) return performance.now() - start;
    if (performance.now() - start > 10_000) throw new Error(`no change after ${key}`);
    await new Promise((r) => setTimeout(r, 2)); // reading the screen costs CPU the lab would want
  }
}

/** `ready`: what the first frame shows once it is drawn; `findings`: whether the run has findings to jump to. */
export async function measureReplay(dir: string, o: { ready: RegExp; firstFrameTargetMs: number; findings: boolean }): Promise<void> {
  const firsts: number[] = [];
  const steps: number[] = [];
  const jumps: number[] = [];
  const ends: number[] = [];
  let mem = { rss: 0, hwm: 0 };
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    const t = new Tmux(`cd ${root} && exec node bin/lab.js replay ${dir}`);
    try {
      await t.waitFor(o.ready, 120_000);
      firsts.push(performance.now() - t0);
      const moved = (a: string, b: string) => counter(a)?.[1] !== counter(b)?.[1];
      for (let i = 0; i < 20; i++) steps.push(await timed(t, 'Right', moved));
      if (process.env.BENCH_VERBOSE)
        console.log(
          steps
            .slice(-20)
            .map((x) => x.toFixed(0))
            .join(' '),
        );
      if (o.findings) for (let i = 0; i < 5; i++) jumps.push(await timed(t, 'n', moved));
      ends.push(await timed(t, 'G', moved), await timed(t, 'g', moved));
      const m = memory(t.pid());
      mem = { rss: Math.max(mem.rss, m.rss), hwm: Math.max(mem.hwm, m.hwm) };
    } finally {
      t.kill();
    }
  }

  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`first frame          median ${ms(median(firsts))}, max ${ms(max(firsts))}   (3 opens; target < ${o.firstFrameTargetMs} ms)`);
  console.log(
    `step (→)             median ${ms(median(steps))}, p90 ${ms(quantile(steps, 0.9))}, max ${ms(max(steps))}   (${steps.length} keys; target < 50 ms)`,
  );
  if (o.findings) console.log(`next finding (n)     median ${ms(median(jumps))}, max ${ms(max(jumps))}   (${jumps.length} keys)`);
  console.log(`end/start (G, g)     median ${ms(median(ends))}, max ${ms(max(ends))}   (${ends.length} keys)`);
  console.log(`memory               RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB, peak ${(mem.hwm / 2 ** 20).toFixed(0)} MiB   (target < 1024 MiB)`);
  console.log('key times include tmux reading the screen back (about 5 ms a read, 2 ms apart)');
}
