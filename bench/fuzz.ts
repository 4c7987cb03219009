// `lab fuzz` on the native Ceph stack: cases a minute with no faults, and, with the timeout toxic on the RGW
// link, how long it takes to find a violation and to shrink it (and to how many commands).
// Usage: npm run bench:fuzz -- [CASES] [SEED]
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cases = process.argv[2] ?? '60';
const seed = process.argv[3] ?? '3';
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

const clean = lab('--runs', cases, '--seed', '1');
const [n, secs, perMinute] = pick(clean, /^(\d+) cases in ([\d.]+) s \((\d+) a minute\)$/m);
console.log(`no faults          ${n} cases in ${secs} s: ${perMinute} cases a minute   (target ≥ 30)`);

const faulty = lab('--runs', '200', '--seed', seed, '--faults', 'timeout');
const [m, total, rate] = pick(faulty, /^(\d+) cases in ([\d.]+) s \((\d+) a minute\)$/m);
const [found, steps, shrink, size] = pick(faulty, /^found after ([\d.]+) s, shrunk in (\d+) steps and ([\d.]+) s to (\d+) commands:$/m);
console.log(`timeout toxic      ${m} cases in ${total} s: ${rate} cases a minute`);
console.log(
  found
    ? `                   violation found after ${found} s; shrunk in ${steps} steps and ${shrink} s to ${size} commands`
    : '                   no violation found',
);
console.log(pick(faulty, /^(VIOLATION .*)$/m)[0] ?? '');
