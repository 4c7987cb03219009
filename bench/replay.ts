// `lab replay` on a generated 1,000,000-event run, in a real 80x24 terminal (tmux): time to the first frame,
// time per key (step right, next finding, end/start), and the resident memory of the lab process.
// Usage: npm run bench:replay -- [EVENTS]
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigRun } from './big-run.ts';
import { measureReplay } from './replay-keys.ts';

const events = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'lab-big-run-'));

const t0 = performance.now();
await writeBigRun(dir, events);
const size = statSync(join(dir, 'events.ndjson')).size;
console.log(`generated ${events} events (${(size / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

await measureReplay(dir, { ready: /verdict: violated.*event 1\/\d+/, firstFrameTargetMs: 2000, findings: true });
