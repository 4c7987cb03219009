// Ctrl-C during the workload: the run stops cleanly, nothing is left running, the event log is readable.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { history } from '../../lab/ops/history.ts';
import { alive, eventsOf, LabProcess, runsDir, started } from './lab-cli.ts';

it('Ctrl-C while a push is stalled stops everything and keeps a readable log', async () => {
  const runs = runsDir();
  const lab = new LabProcess(['scenario', 'stream-idle-504', '--seed', '9'], runs);
  await lab.waitFor(/fault rgw-stall applied/);
  await new Promise((r) => setTimeout(r, 1500)); // the push is now stuck in the registry's S3 retries
  lab.child.kill('SIGINT');
  const code = await lab.exited;

  expect(code).toBe(2);
  expect(lab.stderr).toContain('SIGINT: stopping');
  expect(lab.stdout).toContain('verdict: interrupted');
  const [id] = readdirSync(runs);
  const events = eventsOf(join(runs, id!));
  expect(events.some((e) => e.type === 'phase' && e.name === 'interrupted')).toBe(true);
  expect(events.findLast((e) => e.type === 'run.finished')).toMatchObject({ outcome: 'interrupted' });
  const stuck = history(events).find((o) => o.kind === 'push' && o.error === 'interrupted');
  expect(stuck).toMatchObject({ outcome: 'info' });
  const procs = started(events);
  expect(procs.length).toBeGreaterThanOrEqual(8);
  for (const p of procs) {
    expect(p.exit, `${p.component} pid ${p.pid} exit recorded`).toBeDefined();
    expect(alive(p.pid)).toBe(false);
  }
});
