// `lab fuzz` on a native stack: its power and its speed. With FAULTS (default the timeout toxic on the RGW write
// link), over SEEDS random seeds of CASES cases each: how many found a violation, the median time to the first one,
// the shrink times; without faults, cases a minute.
// Usage: npm run bench:fuzz -- [SEEDS] [CASES] [BACKEND] [FAULTS]   (Swift's: 3 100 swift link-down)
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const seeds = Number(process.argv[2] ?? '5');
const cases = process.argv[3] ?? '50';
const backend = process.argv[4] ?? 'ceph';
const faults = process.argv[5] ?? 'timeout';
const root = resolve(import.meta.dirname, '..');

function lab(...args: string[]): string {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'lab.js'), 'fuzz', ...args], {
    env: { ...process.env, LAB_RUNS: mkdtempSync(join(tmpdir(), 'lab-bench-fuzz-')) },
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`lab fuzz exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

const pick = (out: string, re: RegExp) => out.match(re)?.slice(1) ?? [];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const found: number[] = [];
const shrinks: number[] = [];
for (let i = 0; i < seeds; i++) {
  const seed = String(randomInt(1, 2 ** 31 - 1));
  const out = lab('--backend', backend, '--runs', cases, '--seed', seed, '--faults', faults);
  const [n, total] = pick(out, /^(\d+) cases in ([\d.]+) s/m);
  const [toFind, steps, toShrink, size] = pick(out, /^found after ([\d.]+) s, shrunk in (\d+) steps and ([\d.]+) s to (\d+) commands:$/m);
  const coverage = pick(out, /^coverage \(cases of \d+\): (.*)$/m)[0] ?? '';
  if (toFind) {
    found.push(Number(toFind));
    shrinks.push(Number(toShrink));
  }
  console.log(
    `seed ${seed.padEnd(10)} ${toFind ? `violation after ${toFind} s, shrunk in ${steps} steps and ${toShrink} s to ${size} commands` : `no violation in ${n} cases (${total} s)`}`,
  );
  console.log(`                  ${pick(out, /^(VIOLATION .*)$/m)[0] ?? ''}${coverage ? `\n                  coverage: ${coverage}` : ''}`);
}
console.log(`${backend}, faults ${faults}`);
console.log(`found a violation  ${found.length} of ${seeds} seeds within ${cases} cases   (goal ≥ 4 of 5; on Swift 2 of 3 within 100)`);
console.log(`time to the first  median ${median(found).toFixed(1)} s   (goal ≤ 60 s)`);
console.log(`shrink time        median ${median(shrinks).toFixed(1)} s, longest ${Math.max(...shrinks, 0).toFixed(1)} s`);

const clean = lab('--backend', backend, '--runs', '60', '--seed', '1');
const [n, secs, perMinute] = pick(clean, /^(\d+) cases in ([\d.]+) s \((\d+) a minute\)$/m);
console.log(`no faults          ${n} cases in ${secs} s: ${perMinute} cases a minute   (keep ≥ 150)`);
