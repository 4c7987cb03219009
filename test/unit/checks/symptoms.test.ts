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
