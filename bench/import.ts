// `lab import` on LINES lines of the first seed's incident (fixtures/incident-logs.ts, written an hour of
// 200,000 lines at a time): the import's time and peak memory, then `lab replay` on the imported run (first
// frame, a step, memory).
// Usage: npm run bench:import -- [LINES]   (the goal is stated for 10,000,000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeIncidentLogs } from '../fixtures/incident-logs.ts';
import { measureReplay } from './replay-keys.ts';

const lines = Number(process.argv[2] ?? 10_000_000);
const HOUR = 200_000;
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'lab-bench-import-'));
const logs = join(work, 'logs');

let t0 = performance.now();
let written = 0;
let files: string[] = [];
for (let hour = 0; written < lines; hour++) {
  const r = writeIncidentLogs(logs, Math.min(HOUR, lines - written), hour + 1, hour);
  written += r.lines;
  files = r.files;
}
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
console.log(
  `generated ${written.toLocaleString('en')} lines (${(bytes / 1e6).toFixed(0)} MB, ${files.length} files) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const runs = join(work, 'runs');
t0 = performance.now();
const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin', 'lab.js'), 'import', ...files], {
  env: { ...process.env, LAB_RUNS: runs },
  encoding: 'utf8',
  maxBuffer: 1 << 26,
});
const seconds = (performance.now() - t0) / 1000;
if (r.status !== 0) throw new Error(`lab import exited ${r.status}: ${r.stderr.trim().split('\n').at(-1)}`);
const peak = Number(r.stderr.trim().split('\n').at(-1)) * 1024;
console.log(
  `import               ${seconds.toFixed(1)} s, ${Math.round(written / seconds).toLocaleString('en')} lines a second, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB   (goal for 10,000,000 lines: ≤ 60 s)`,
);
console.log(
  r.stdout
    .trim()
    .split('\n')
    .filter((l) => /not understood|events$/.test(l))
    .join('\n') || 'every line understood',
);

await measureReplay(join(runs, readdirSync(runs)[0]!), { ready: /event 1\/\d+/, firstFrameTargetMs: 3000, findings: false });
