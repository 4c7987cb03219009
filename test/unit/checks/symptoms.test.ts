import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { action, build, complete, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const run = (name: string, ...items: Array<[number, NewEvent]>) => checkOn(name, build(...items));
const img = { repo: 'lab/a', tag: 'v1' };
/** a push of img, or of `other`, as the history records it */
const pushOf = (i: { repo: string; tag: string }) => ({ ...i, digest: 'sha256:m' });

describe('lost-on-zone-failover', () => {
  const status = (caughtUp: boolean): NewEvent => ({
    type: 'replication',
    component: 'object-store',
    zone: 'zb',
    caughtUp,
    ...(!caughtUp && { error: 'failed to fetch master sync status' }),
  });
  const lost = [
    [0, status(true)],
    [10, invoke(0, 'push', pushOf(img))],
    [20, complete(0, 'push', 'ok')],
    [25, status(false)],
    [30, action('failover', 'zone-failover', [{ component: 'registry' }])],
    [40, invoke(1, 'pull', img)],
    [41, complete(1, 'pull', 'fail', { status: 404, error: 'MANIFEST_UNKNOWN' })],
    [50, action('caught-up', 'sync-wait', [{ component: 'object-store', resource: 'zb' }])],
  ] as Array<[number, NewEvent]>;

  it('is seen when images acknowledged on za were missing on zb after the failover and came back after catch-up', () => {
    const f = run('lost-on-zone-failover', ...lost, [60, invoke(2, 'pull', img)], [61, complete(2, 'pull', 'ok')]);
    expect(f.valid).toBe(true);
    expect(f.evidence[0]).toBe('loss window: zb behind since 0.03 s, failover to zb at 0.03 s; 1 of 1 images acknowledged on za missing on zb: lab/a:v1');
    expect(f.evidence.at(-1)).toBe('after zb caught up (0.05 s): 1 of 1 pull again');
  });

  it('is not seen when the lost images never came back', () => {
    const f = run('lost-on-zone-failover', ...lost, [60, invoke(2, 'pull', img)], [61, complete(2, 'pull', 'fail', { status: 404 })]);
    expect(f.valid).toBe(false);
  });
});

describe('gc-deleted-in-flight', () => {
  const blobs = { repo: 'lab/a', tag: 'v1', blobs: ['sha256:b1', 'sha256:b2'] };
  const upThenGc = (gcAt: number, deleted: string[]) =>
    run(
      'gc-deleted-in-flight',
      [10, invoke(0, 'push-blobs', blobs)],
      [20, complete(0, 'push-blobs', 'ok')],
      [gcAt, invoke(1, 'gc', { dryRun: false })],
      [gcAt + 5, complete(1, 'gc', 'ok', { value: { deleted } })],
    );

  it('is seen when a gc invoked at the very time the upload completed deleted its blobs (a sequential workload)', () => {
    const f = upThenGc(20, ['sha256:b2', 'sha256:other']);
    expect(f.valid).toBe(true);
    expect(f.evidence[0]).toBe('op 1 gc deleted 1 of the 2 blobs op 0 had uploaded for lab/a, whose manifest was not yet put');
  });

  it('is not seen when the gc deleted none of them, or ran before the upload completed', () => {
    expect(upThenGc(30, ['sha256:other']).valid).toBe(false);
    expect(upThenGc(15, ['sha256:b1']).valid).toBe(false);
  });
});
