import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { access, action, applied, build, complete, healed, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const run = (name: string, ...items: Array<[number, NewEvent]>) => checkOn(name, build(...items));
const img = { repo: 'lab/a', tag: 'v1' };
/** a push of img, or of `other`, as the history records it */
const pushOf = (i: { repo: string; tag: string }) => ({ ...i, digest: 'sha256:m' });

describe('push-5xx-during-fault', () => {
  it('is seen for a push invoked inside a fault window that ended with 500', () => {
    const f = run(
      'push-5xx-during-fault',
      [1000, applied('rgw-stall')],
      [1500, invoke(4, 'push', pushOf(img))],
      [26_500, complete(4, 'push', 'fail', { error: 'HTTP 500', status: 500 })],
      [30_000, healed('rgw-stall')],
    );
    expect(f.valid).toBe(true);
    expect(f.evidence).toEqual(['op 4 push lab/a:v1 ended fail with HTTP 500 after 25.0 s during fault rgw-stall: HTTP 500']);
    expect(f.ops).toEqual([4]);
  });

  it('is not seen for a 500 before the fault or after the heal', () => {
    const f = run(
      'push-5xx-during-fault',
      [0, invoke(0, 'push', pushOf(img))],
      [500, complete(0, 'push', 'fail', { status: 500 })],
      [1000, applied('rgw-stall')],
      [2000, healed('rgw-stall')],
      [2000, invoke(1, 'push', pushOf(img))],
      [2500, complete(1, 'push', 'fail', { status: 502 })],
    );
    expect(f).toEqual({ kind: 'symptom', valid: false, evidence: [], ops: [] });
  });

  it('is not seen for a non-5xx failure during the fault', () => {
    const f = run('push-5xx-during-fault', [0, applied('rgw-stall')], [10, invoke(0, 'push', pushOf(img))], [20, complete(0, 'push', 'fail', { status: 404 })]);
    expect(f.valid).toBe(false);
  });
});

describe('s3-front-idle-timeout-504', () => {
  const one = (e: NewEvent) => run('s3-front-idle-timeout-504', [0, e]);

  it('is seen for an envoy PUT 504 with flag SI', () => {
    const f = one(access('s3-front', 'envoy', 'PUT', '/registry/x', 504, { flags: 'SI', upstream: 'link', durationMs: 1000 }));
    expect(f.valid).toBe(true);
    expect(f.evidence).toEqual(['envoy (s3-front) answered 504 flag SI 1x for PUT /registry/x after 1.0 s']);
  });

  it('is not seen for an envoy 504 with another flag (UT) or no flag', () => {
    expect(one(access('s3-front', 'envoy', 'PUT', '/x', 504, { flags: 'UT' })).valid).toBe(false);
    expect(one(access('s3-front', 'envoy', 'PUT', '/x', 504)).valid).toBe(false);
  });

  it('counts an nginx 504 without flags', () => {
    const f = one(access('s3-front', 'nginx', 'PUT', '/x', 504, { upstream: 'link (504)', durationMs: 1000 }));
    expect(f.valid).toBe(true);
    expect(f.evidence[0]).toContain('upstream link (504)');
  });

  it('only counts PUTs at the s3-front', () => {
    expect(one(access('registry-front', 'nginx', 'PUT', '/x', 504)).valid).toBe(false);
    expect(one(access('s3-front', 'envoy', 'GET', '/x', 504, { flags: 'SI' })).valid).toBe(false);
    expect(one(access('s3-front', 'envoy', 'PUT', '/x', 500, { flags: 'SI' })).valid).toBe(false);
  });
});

describe('object-store-silent', () => {
  const stall = access('s3-front', 'envoy', 'PUT', '/registry/stalled', 504, { flags: 'SI' });

  it('is seen when the object store logged requests but none for the stalled path', () => {
    const f = run('object-store-silent', [0, access('object-store', 'ceph', 'GET', '/registry/other', 200)], [10, stall]);
    expect(f.valid).toBe(true);
    expect(f.evidence).toEqual(['object store logged no request for /registry/stalled (it logged 1 others)']);
  });

  it('is not seen when the object store logged the stalled path after it was sent', () => {
    const f = run('object-store-silent', [10, stall], [20, access('object-store', 'ceph', 'PUT', '/registry/stalled', 200)]);
    expect(f.valid).toBe(false);
    expect(f.evidence).toEqual(['object store logged 1 request(s) for /registry/stalled']);
  });

  it('does not count a write of the same path from before the stalled one was sent', () => {
    const slow = access('s3-front', 'envoy', 'PUT', '/registry/stalled', 504, { flags: 'SI', durationMs: 500 });
    const f = run('object-store-silent', [0, access('object-store', 'ceph', 'PUT', '/registry/stalled', 200)], [600, slow]);
    expect(f.valid).toBe(true);
    expect(run('object-store-silent', [200, access('object-store', 'ceph', 'PUT', '/registry/stalled', 200)], [600, slow]).valid).toBe(false);
  });

  it('is not seen when the object store logged nothing at all', () => {
    const f = run('object-store-silent', [10, stall]);
    expect(f.valid).toBe(false);
    expect(f.evidence[0]).toContain('logged no request at all');
  });

  it('is not seen when no PUT timed out', () => {
    expect(run('object-store-silent', [0, access('object-store', 'ceph', 'GET', '/a', 200)]).valid).toBe(false);
  });
});

describe('small-writes-stall', () => {
  const during = (...items: Array<[number, NewEvent]>) => run('small-writes-stall', [0, applied('stall')], ...items, [900, healed('stall')]);
  const small = access('s3-front', 'envoy', 'PUT', '/registry/x/startedat', 504, { flags: 'SI', upstream: 'link' });
  const large = access('s3-front', 'envoy', 'PUT', '/registry/x/data?partNumber=1', 200, { upstream: 'direct' });
  const failedPush: Array<[number, NewEvent]> = [
    [10, invoke(3, 'push', pushOf(img))],
    [700, complete(3, 'push', 'info', { status: 500, error: 'HTTP 500' })],
  ];

  it('is seen when small PUTs time out via the link while large ones land direct and a write op fails 5xx', () => {
    const f = during(...failedPush, [100, small], [200, large]);
    expect(f.valid).toBe(true);
    expect(f.evidence[0]).toBe('during the fault the s3-front timed out 1 small PUTs (504 via the link) and passed 1 large PUTs (2xx, direct)');
    expect(f.ops).toEqual([3]);
  });

  it('is not seen when large PUTs stalled too, or nothing failed', () => {
    const stalledLarge = access('s3-front', 'envoy', 'PUT', '/registry/x/data?partNumber=1', 504, { flags: 'SI', upstream: 'link' });
    expect(during(...failedPush, [100, small], [200, stalledLarge]).valid).toBe(false);
    expect(during([100, small], [200, large]).valid).toBe(false);
  });

  it('reads nginx upstream names with their status', () => {
    const f = during(
      ...failedPush,
      [100, access('s3-front', 'nginx', 'PUT', '/a', 504, { upstream: 'link (504)' })],
      [200, access('s3-front', 'nginx', 'PUT', '/b', 200, { upstream: 'direct (200)' })],
    );
    expect(f.valid).toBe(true);
  });
});

describe('quota-refused', () => {
  const quota = (t: 'applied' | 'healed'): NewEvent => ({
    type: t === 'applied' ? 'fault.applied' : 'fault.healed',
    fault: 'quota',
    kind: 'quota',
    targets: [{ component: 'object-store', resource: 'user quota' }],
    detail: {},
  });
  const refused = access('object-store', 'ceph', 'PUT', '/registry/x/data?partNumber=1', 403);

  it('is seen when the object store refused a write, the push failed, and a push after the raise worked', () => {
    const f = run(
      'quota-refused',
      [0, quota('applied')],
      [10, invoke(2, 'push', pushOf(img))],
      [20, refused],
      [30, complete(2, 'push', 'info', { status: 500, error: 'HTTP 500' })],
      [40, quota('healed')],
      [50, invoke(3, 'push', pushOf(img))],
      [60, complete(3, 'push', 'ok')],
    );
    expect(f.valid).toBe(true);
    expect(f.evidence.at(-1)).toBe('after the quota was lifted, op 3 push lab/a:v1 was acknowledged');
  });

  it('is not seen when the registry acknowledged the push anyway, or nothing worked after the raise', () => {
    expect(
      run('quota-refused', [0, quota('applied')], [10, invoke(2, 'push', pushOf(img))], [20, refused], [30, complete(2, 'push', 'ok')], [40, quota('healed')])
        .valid,
    ).toBe(false);
    expect(
      run(
        'quota-refused',
        [0, quota('applied')],
        [10, invoke(2, 'push', pushOf(img))],
        [20, refused],
        [30, complete(2, 'push', 'info', { status: 500 })],
        [40, quota('healed')],
      ).valid,
    ).toBe(false);
  });
});

describe('empty-after-switch', () => {
  const sw = (t: 'applied' | 'healed'): NewEvent => ({
    type: t === 'applied' ? 'fault.applied' : 'fault.healed',
    fault: 'switch',
    kind: 'bucket-switch',
    targets: [{ component: 'registry' }, { component: 'object-store', resource: 'new' }],
    detail: { to: 'new', objects: 0 },
  });
  const other = { repo: 'lab/b', tag: 'v1' };
  /** an image pushed, the switch, its pull ending as given, then an image pushed and pulled after the switch */
  const switched = (pulled: NewEvent): Array<[number, NewEvent]> => [
    [0, invoke(0, 'push', pushOf(img))],
    [10, complete(0, 'push', 'ok')],
    [20, sw('applied')],
    [30, invoke(1, 'pull', img)],
    [31, pulled],
    [40, invoke(2, 'push', pushOf(other))],
    [50, complete(2, 'push', 'ok')],
    [60, invoke(3, 'pull', other)],
    [61, complete(3, 'pull', 'ok')],
  ];

  it('is seen when images pushed before the switch get 404 and an image pushed after pulls', () => {
    const f = run('empty-after-switch', ...switched(complete(1, 'pull', 'fail', { status: 404, error: 'MANIFEST_UNKNOWN' })));
    expect(f.valid).toBe(true);
    expect(f.evidence[0]).toBe('switched to bucket new holding 0 objects; 1 pulls of images acknowledged before the switch got 404');
    expect(f.ops).toEqual([1]);
  });

  it('is not seen when the old images still pull after the switch', () => {
    const f = run('empty-after-switch', ...switched(complete(1, 'pull', 'ok')));
    expect(f.valid).toBe(false);
  });
});

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
