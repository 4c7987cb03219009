// backend-switch-empty on the real stack: the registry restarted on a new bucket of the same object store.
import { describe, expect, it } from 'vitest';
import type { EventOf, LabEvent } from '../../lab/events/schema.ts';
import { history, imageRef } from '../../lab/history/history.ts';
import { eventsOf, lab, runsDir } from './lab-cli.ts';

function run(variant?: string) {
  const r = lab(['scenario', 'backend-switch-empty', '--json', '--seed', '5', ...(variant ? ['--variant', variant] : [])], runsDir());
  const verdict = JSON.parse(r.stdout);
  const events: LabEvent[] = eventsOf(verdict.dir);
  const sw = events.find((e): e is EventOf<'fault.applied'> => e.type === 'fault.applied' && e.kind === 'bucket-switch')!;
  return { status: r.status, verdict, events, ops: history(events), sw };
}

describe('backend-switch-empty', () => {
  it('reproduces: after the switch to the empty bucket, images pushed before get 404; the new push pulls', () => {
    const { status, verdict, ops, sw } = run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    expect(sw.detail).toMatchObject({ from: 'registry', to: 'registry-restricted', objects: 0 });
    const before = ops.filter((o) => o.kind === 'push' && o.completedAt! < sw.t).map((o) => imageRef(o.args));
    expect(before).toHaveLength(3);
    for (const p of ops.filter((o) => o.kind === 'pull' && o.invokedAt > sw.t && before.includes(imageRef(o.args)))) {
      expect(p).toMatchObject({ outcome: 'fail', status: 404 });
      expect(p.error).toMatch(/MANIFEST_UNKNOWN/);
    }
    const fresh = ops.find((o) => o.kind === 'push' && o.invokedAt > sw.t)!;
    expect(ops.find((o) => o.kind === 'pull' && imageRef(o.args) === imageRef(fresh.args))).toMatchObject({ outcome: 'ok' });
  });

  it('holds when the images were copied into the new bucket before the switch', () => {
    const { status, verdict, events, ops, sw } = run('copied');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    const copy = events.find((e): e is EventOf<'fault.applied'> => e.type === 'fault.applied' && e.kind === 'bucket-copy')!;
    expect(copy.detail.objects as number).toBeGreaterThan(10);
    expect(sw.detail.objects).toBe(copy.detail.objects);
    expect(ops.filter((o) => o.kind === 'pull' && o.invokedAt > sw.t).every((o) => o.outcome === 'ok')).toBe(true);
  });
});
