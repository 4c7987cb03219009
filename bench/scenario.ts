// Wall time of a warm `lab scenario stream-idle-504`, split into provision, start, workload, fault, teardown.
// Usage: npm run bench -- [RUNS] [--runtime native|container|native,container]
//   one warm-up run per runtime first, not counted; prints every run and the medians. With two runtimes their
//   runs alternate (the machine's drift hits both alike) and the last line is each column's ratio of medians,
//   the second runtime over the first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readEvents } from '../lab/core/events/log.ts';
import type { LabEvent } from '../lab/core/events/schema.ts';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const runtimeAt = args.indexOf('--runtime');
const runtimes = (runtimeAt >= 0 ? (args[runtimeAt + 1] ?? '') : 'native').split(',');
const root = resolve(import.meta.dirname, '..');
const runsDir = mkdtempSync(join(tmpdir(), 'lab-bench-'));
const COLUMNS = ['wall', 'process', 'provision', 'start', 'workload', 'fault', 'teardown'] as const;
type Row = Record<(typeof COLUMNS)[number], number>;

function at(events: LabEvent[], match: (e: LabEvent) => boolean): number {
  const e = events.find(match);
  if (!e) throw new Error('event missing from the run');
  return e.t;
}

function once(runtime: string): Row {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'lab.js'), 'scenario', 'stream-idle-504', '--json', '--runtime', runtime], {
    env: { ...process.env, LAB_RUNS: runsDir },
    encoding: 'utf8',
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`lab exited ${r.status}: ${r.stderr.trim()}`);
  const { events } = readEvents(join(JSON.parse(r.stdout).dir, 'events.ndjson'));
  const phase = (name: string) => at(events, (e) => e.type === 'phase' && e.name === name);
  const fault = at(events, (e) => e.type === 'fault.healed') - at(events, (e) => e.type === 'fault.applied');
  const finished = at(events, (e) => e.type === 'run.finished');
  return {
    wall,
    // node start-up, loading the scenario, judging and writing the verdict
    process: wall - finished,
    provision: phase('start') - phase('provision'),
    start: phase('workload') - phase('start'),
    workload: phase('teardown') - phase('workload') - fault,
    fault,
    teardown: finished - phase('teardown'),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => (ms / 1000).toFixed(2).padStart(10);

for (const runtime of runtimes) {
  console.log(`warm-up run (${runtime}) …`);
  once(runtime);
}
const rows = new Map<string, Row[]>(runtimes.map((r) => [r, []]));
console.log(['run', ...COLUMNS].map((c) => c.padStart(10)).join(''));
for (let i = 1; i <= runs; i++)
  for (const runtime of runtimes) {
    const row = once(runtime);
    rows.get(runtime)!.push(row);
    console.log(`${i} ${runtime}`.padStart(10) + COLUMNS.map((c) => fmt(row[c])).join(''));
  }
const medians = runtimes.map((runtime) => Object.fromEntries(COLUMNS.map((c) => [c, median(rows.get(runtime)!.map((r) => r[c]))])) as Row);
runtimes.forEach((runtime, i) => console.log(`median ${runtime}`.padStart(10) + COLUMNS.map((c) => fmt(medians[i]![c])).join('')));
if (runtimes.length === 2)
  console.log(`${runtimes[1]}/${runtimes[0]}`.padStart(10) + COLUMNS.map((c) => `${(medians[1]![c] / medians[0]![c]).toFixed(2)}×`.padStart(10)).join(''));
console.log('seconds; wall = the whole command; process = node start-up, scenario load and verdict outside the event clock');
