// Start-up time of each object store (ceph single site, ceph multisite, minio), and push/pull throughput of a
// 50 MiB image through Distribution 2.8 on each, by running the real `lab scenario` on a scenario file.
// Usage: npm run bench:stores -- [RUNS]      (prints every run and the medians)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readEvents } from '../lab/core/events/log.ts';
import type { ScenarioInput } from '../lab/scenario/schema.ts';

const runs = Number(process.argv[2] ?? 3);
const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'lab-bench-stores-'));
const MIB = 50;

const STORES: Record<string, NonNullable<ScenarioInput['topology']['object-store']>> = {
  ceph: { product: 'ceph' },
  'ceph multisite': { product: 'ceph', multisite: true },
  minio: { product: 'minio' },
};

function scenarioFile(name: string): string {
  const s: ScenarioInput = {
    name: `bench-${name.replace(/\s/g, '-')}`,
    symptom: `${MIB} MiB through ${name}`,
    source: 'bench/object-stores.ts',
    topology: { registry: { product: 'distribution', storage: 's3' }, 'object-store': STORES[name]! },
    workload: [{ push: { images: 1, layers: [`${MIB}MiB`] } }, { pull: 'all' }],
    expect: { holds: ['durability', 'integrity'] },
  };
  const file = join(scratch, `${s.name}.json`);
  writeFileSync(file, JSON.stringify(s));
  return file;
}

function once(file: string): { start: number; push: number; pull: number } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'lab.js'), 'scenario', file, '--json'], {
    env: { ...process.env, LAB_RUNS: scratch },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`lab exited ${r.status}: ${r.stderr.trim()}`);
  const { events } = readEvents(join(JSON.parse(r.stdout).dir, 'events.ndjson'));
  const ready = events.find((e) => e.type === 'component.ready' && e.component === 'object-store');
  const took = (kind: string) => {
    const inv = events.find((e) => e.type === 'op.invoke' && e.kind === kind)!;
    return events.find((e) => e.type === 'op.complete' && e.op === (inv as { op: number }).op)!.t - inv.t;
  };
  return { start: ready?.type === 'component.ready' ? ready.ms : NaN, push: took('push'), pull: took('pull') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(9);
const rate = (ms: number) => `${(MIB / (ms / 1000)).toFixed(0)} MiB/s`.padStart(11);

console.log(`${'object store'.padEnd(16)}${'run'.padStart(6)}${'start'.padStart(9)}${'push'.padStart(9)}${''.padStart(11)}${'pull'.padStart(9)}`);
for (const name of Object.keys(STORES)) {
  const file = scenarioFile(name);
  const rows = Array.from({ length: runs }, (_, i) => {
    const row = once(file);
    console.log(`${name.padEnd(16)}${String(i + 1).padStart(6)}${s(row.start)}${s(row.push)}${rate(row.push)}${s(row.pull)}${rate(row.pull)}`);
    return row;
  });
  const m = { start: median(rows.map((r) => r.start)), push: median(rows.map((r) => r.push)), pull: median(rows.map((r) => r.pull)) };
  console.log(`${name.padEnd(16)}${'median'.padStart(6)}${s(m.start)}${s(m.push)}${rate(m.push)}${s(m.pull)}${rate(m.pull)}`);
}
console.log(
  `start: the object store from spawn to answering S3 (multisite: both zones and the first object synced); push and pull: one ${MIB} MiB layer through Distribution 2.8`,
);
