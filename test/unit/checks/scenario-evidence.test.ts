// The evidence the bundled scenario files state as data, judged over hand-written logs: each link of an
// incident's chain is seen when the facts are there, and not when one is missing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { access, applied, build, complete, healed, invoke } from '../core/events/build.ts';
import { evidenceOn, scenarioEvidence } from './run.ts';

const img = { repo: 'lab/a', tag: 'v1' };
const other = { repo: 'lab/b', tag: 'v1' };
const pushOf = (i: { repo: string; tag: string }) => ({ ...i, digest: 'sha256:m' });
const log = (line: string): NewEvent => ({ type: 'component.log', component: 'registry', product: 'distribution', level: 'error', line });
const window = (fault: string, kind: string, t: 'applied' | 'healed'): NewEvent => ({
  type: t === 'applied' ? 'fault.applied' : 'fault.healed',
  fault,
  kind,
  targets: [{ component: 'object-store' }],
  detail: {},
});

/** A checker of one scenario file's evidence. */
function evidenceOf(file: string) {
  let all: Record<string, unknown> = {};
  beforeAll(async () => {
    all = await scenarioEvidence(file);
  });
  return (name: string, ...items: Array<[number, NewEvent]>) => evidenceOn(name, all, build(...items));
}

describe('stream-idle-504', () => {
  const run = evidenceOf('stream-idle-504');
  const stall = access('s3-front', 'envoy', 'PUT', '/registry/stalled', 504, { flags: 'SI', durationMs: 500 });

  it('push-5xx-during-fault: a push during the stall ended 5xx, and the registry logged why', () => {
    const items: Array<[number, NewEvent]> = [
      [1000, applied('rgw-stall')],
      [1500, invoke(4, 'push', pushOf(img))],
      [26_000, log('response completed with error unknown s3aws: GatewayTimeout')],
      [26_500, complete(4, 'push', 'fail', { error: 'HTTP 500', status: 500 })],
      [30_000, healed('rgw-stall')],
    ];
    const f = run('push-5xx-during-fault', ...items);
    expect(f.valid).toBe(true);
    expect(f.evidence[1]).toBe('  op 4 push lab/a:v1 fail HTTP 500 after 25.0 s: HTTP 500');
    expect(f.evidence.join('\n')).toContain('GatewayTimeout');
    expect(f.ops).toEqual([4]);
    // without the registry's line the chain has a hole
    expect(run('push-5xx-during-fault', ...items.filter(([, e]) => e.type !== 'component.log')).valid).toBe(false);
  });

  it('push-5xx-during-fault: not for a 500 outside the stall, nor a 404 during it', () => {
    const f = run(
      'push-5xx-during-fault',
      [0, invoke(0, 'push', pushOf(img))],
      [500, complete(0, 'push', 'fail', { status: 500 })],
      [1000, applied('rgw-stall')],
      [1100, invoke(1, 'push', pushOf(img))],
      [1200, complete(1, 'push', 'fail', { status: 404 })],
      [2000, healed('rgw-stall')],
    );
    expect(f.valid).toBe(false);
    expect(f.ops).toEqual([]);
  });

  it('push-5xx-during-fault: nothing to judge when the stall never happened', () => {
    const f = run('push-5xx-during-fault', [0, invoke(0, 'push', pushOf(img))], [500, complete(0, 'push', 'fail', { status: 500 })]);
    expect(f.valid).toBe(false);
    expect(f.evidence[0]).toBe('push: nothing to judge: fault rgw-stall was not applied in this run');
  });

  it('s3-front-idle-timeout-504: envoy with flag SI, or nginx; only PUTs at the s3-front', () => {
    const one = (e: NewEvent) => run('s3-front-idle-timeout-504', [0, e]);
    expect(one(stall).valid).toBe(true);
    expect(one(access('s3-front', 'nginx', 'PUT', '/x', 504, { upstream: 'link (504)' })).valid).toBe(true);
    expect(one(access('s3-front', 'envoy', 'PUT', '/x', 504, { flags: 'UT' })).valid).toBe(false);
    expect(one(access('s3-front', 'envoy', 'GET', '/x', 504, { flags: 'SI' })).valid).toBe(false);
    expect(one(access('registry-front', 'nginx', 'PUT', '/x', 504)).valid).toBe(false);
  });

  it('object-store-silent: seen when the store logged others but not the stalled path since it was sent', () => {
    const f = run('object-store-silent', [0, access('object-store', 'ceph', 'GET', '/registry/other', 200)], [600, stall]);
    expect(f.valid).toBe(true);
    expect(f.evidence[0]).toBe('0 object-store requests with the same path as s3-front-idle-timeout-504 (since it began) (none; 1 logged or run in all)');
    // a write of that path from before the stalled one was sent does not count; one after it does
    expect(run('object-store-silent', [0, access('object-store', 'ceph', 'PUT', '/registry/stalled', 200)], [600, stall]).valid).toBe(true);
    expect(run('object-store-silent', [200, access('object-store', 'ceph', 'PUT', '/registry/stalled', 200)], [600, stall]).valid).toBe(false);
  });

  it('object-store-silent: nothing to judge without the store log or without a timed-out PUT', () => {
    const f = run('object-store-silent', [10, stall]);
    expect(f.valid).toBe(false);
    expect(f.evidence[0]).toContain('nothing to judge');
    expect(run('object-store-silent', [0, access('object-store', 'ceph', 'GET', '/a', 200)]).evidence[0]).toBe(
      'nothing to judge: s3-front-idle-timeout-504 selected nothing',
    );
  });
});

describe('small-puts-stall', () => {
  const run = evidenceOf('small-puts-stall');
  const during = (...items: Array<[number, NewEvent]>) =>
    run('small-writes-stall', [0, applied('small-puts-stall')], ...items, [900, healed('small-puts-stall')]);
  const small = access('s3-front', 'envoy', 'PUT', '/registry/x/startedat', 504, { flags: 'SI', upstream: 'link' });
  const large = access('s3-front', 'envoy', 'PUT', '/registry/x/data?partNumber=1', 200, { upstream: 'direct' });
  const failedPush: Array<[number, NewEvent]> = [
    [10, invoke(3, 'push', pushOf(img))],
    [700, complete(3, 'push', 'info', { status: 500, error: 'HTTP 500' })],
  ];

  it('small-writes-stall: small PUTs 504 via the link, large ones land direct, an op fails 5xx', () => {
    const f = during(...failedPush, [100, small], [200, large]);
    expect(f.valid).toBe(true);
    expect(f.evidence[0]).toMatch(/^small stalled: 1 s3-front PUT 504 upstream ~ \^link\( \|\$\) requests during small-puts-stall/);
    expect(f.ops).toEqual([3]);
  });

  it('small-writes-stall: not when large PUTs stalled too, or nothing failed; nginx upstream names count', () => {
    const stalledLarge = access('s3-front', 'envoy', 'PUT', '/registry/x/data?partNumber=1', 504, { upstream: 'link' });
    expect(during(...failedPush, [100, small], [200, stalledLarge]).valid).toBe(false);
    expect(during([100, small], [200, large]).valid).toBe(false);
    const nginx = during(
      ...failedPush,
      [100, access('s3-front', 'nginx', 'PUT', '/a', 504, { upstream: 'link (504)' })],
      [200, access('s3-front', 'nginx', 'PUT', '/b', 200, { upstream: 'direct (200)' })],
    );
    expect(nginx.valid).toBe(true);
  });
});

describe('quota-exhausted', () => {
  const run = evidenceOf('quota-exhausted');
  const refused = access('object-store', 'ceph', 'PUT', '/registry/x/data?partNumber=1', 403);
  const setAndRaised = (second: NewEvent, ...after: Array<[number, NewEvent]>) =>
    run(
      'quota-refused',
      [0, window('quota', 'quota', 'applied')],
      [10, invoke(2, 'push', pushOf(img))],
      [20, refused],
      [30, second],
      [40, window('quota', 'quota', 'healed')],
      ...after,
    );

  it('quota-refused: a write refused 403, the push failed, a push after the raise worked', () => {
    const f = setAndRaised(complete(2, 'push', 'info', { status: 500 }), [50, invoke(3, 'push', pushOf(img))], [60, complete(3, 'push', 'ok')]);
    expect(f.valid).toBe(true);
    expect(f.evidence.at(-1)).toBe('  op 3 push lab/a:v1 ok after 0.0 s');
  });

  it('quota-refused: not when the push was acknowledged anyway, or nothing worked after the raise', () => {
    expect(setAndRaised(complete(2, 'push', 'ok'), [50, invoke(3, 'push', pushOf(img))], [60, complete(3, 'push', 'ok')]).valid).toBe(false);
    expect(setAndRaised(complete(2, 'push', 'info', { status: 500 })).valid).toBe(false);
  });
});

describe('backend-switch-empty', () => {
  const run = evidenceOf('backend-switch-empty');
  const switched = (pulled: NewEvent): Array<[number, NewEvent]> => [
    [0, invoke(0, 'push', pushOf(img))],
    [10, complete(0, 'push', 'ok')],
    [20, window('switch', 'bucket-switch', 'applied')],
    [30, invoke(1, 'pull', img)],
    [31, pulled],
    [40, invoke(2, 'push', pushOf(other))],
    [50, complete(2, 'push', 'ok')],
    [60, invoke(3, 'pull', other)],
    [61, complete(3, 'pull', 'ok')],
  ];

  it('empty-after-switch: images acknowledged before get 404, an image pushed after pulls', () => {
    const f = run('empty-after-switch', ...switched(complete(1, 'pull', 'fail', { status: 404, error: 'MANIFEST_UNKNOWN' })));
    expect(f.valid).toBe(true);
    expect(f.ops).toEqual([0, 1, 2, 3]);
  });

  it('empty-after-switch: not when the old images still pull, or a 404 is for an image never acknowledged', () => {
    expect(run('empty-after-switch', ...switched(complete(1, 'pull', 'ok'))).valid).toBe(false);
    const stranger = switched(complete(1, 'pull', 'fail', { status: 404 })).map(([t, e]): [number, NewEvent] =>
      e.type === 'op.invoke' && e.op === 1 ? [t, invoke(1, 'pull', { repo: 'lab/x', tag: 'v1' })] : [t, e],
    );
    expect(run('empty-after-switch', ...stranger).valid).toBe(false);
  });
});

describe('redis-down', () => {
  const run = evidenceOf('redis-down');
  const outage = (status: number | undefined): Array<[number, NewEvent]> => [
    [0, invoke(0, 'pull', img)],
    [10, complete(0, 'pull', 'ok')],
    [20, window('redis-down', 'process', 'applied')],
    [30, invoke(1, 'pull', img)],
    [40, complete(1, 'pull', status ? 'fail' : 'ok', status ? { status } : {})],
    [50, window('redis-down', 'process', 'healed')],
  ];

  it('serves-without-redis and down-without-redis each hold for their own outage', () => {
    expect(run('serves-without-redis', ...outage(undefined)).valid).toBe(true);
    expect(run('down-without-redis', ...outage(undefined)).valid).toBe(false);
    expect(run('down-without-redis', ...outage(503)).valid).toBe(true);
    expect(run('serves-without-redis', ...outage(503)).valid).toBe(false);
  });

  it('the evidence gives the latency before and during', () => {
    const f = run('serves-without-redis', ...outage(undefined));
    expect(f.evidence).toContain('  pull: 1, median 0.010 s (1 × ok)');
    expect(f.evidence[0]).toBe('before: 1 of the 1 ops before redis-down were ok');
  });
});

describe('swift-container-lag', () => {
  const run = evidenceOf('swift-container-lag');
  const cut = (...after: Array<[number, NewEvent]>) =>
    run('stale-container-listing', [0, window('c3-down', 'link-down', 'applied')], [10, window('c3-down', 'link-down', 'healed')], ...after);

  it('stale-container-listing: a commit refused with BLOB_UPLOAD_INVALID after the cut', () => {
    const f = cut(
      [20, invoke(5, 'upload-commit', { repo: 'lab/a', upload: 0, digest: 'sha256:a' })],
      [30, complete(5, 'upload-commit', 'fail', { status: 400, error: 'BLOB_UPLOAD_INVALID' })],
    );
    expect(f.valid).toBe(true);
  });

  it('stale-container-listing: a read whose bytes hash to another digest', () => {
    const blobs = [{ digest: 'sha256:a', actual: 'sha256:b', size: 5 }];
    const f = cut([20, invoke(6, 'get-blob', { repo: 'lab/a', digest: 'sha256:a' })], [30, complete(6, 'get-blob', 'ok', { value: { blobs } })]);
    expect(f.valid).toBe(true);
    expect(f.ops).toEqual([6]);
  });

  it('stale-container-listing: not for intact reads, nor without a cut', () => {
    const blobs = [{ digest: 'sha256:a', actual: 'sha256:a', size: 5 }];
    expect(cut([20, invoke(6, 'get-blob', { repo: 'lab/a', digest: 'sha256:a' })], [30, complete(6, 'get-blob', 'ok', { value: { blobs } })]).valid).toBe(
      false,
    );
    const f = run(
      'stale-container-listing',
      [20, invoke(5, 'upload-commit', { repo: 'lab/a', upload: 0, digest: 'sha256:a' })],
      [30, complete(5, 'upload-commit', 'fail', { error: 'BLOB_UPLOAD_INVALID' })],
    );
    expect(f.valid).toBe(false);
    expect(f.evidence[0]).toContain('nothing to judge: fault c3-down was not applied');
  });
});

describe('s3-503-slowdown', () => {
  const run = evidenceOf('s3-503-slowdown');
  const on = (t: 'applied' | 'healed') => window('slowdown', 'http-fault', t);
  const put = (path: string, status: number, flags = '-') => access('s3-front', 'envoy', 'PUT', path, status, { flags });
  const items: Array<[number, NewEvent]> = [
    [0, on('applied')],
    [10, put('/registry/a', 503, 'FI')],
    [20, put('/registry/a', 200)],
    [30, put('/registry/b', 503, 'FI')],
    [40, put('/registry/c', 200)],
    [100, on('healed')],
  ];

  it('s3-front-injected-503 and registry-retried-503: 503 FI from the front, and a retry of that path landed', () => {
    expect(run('s3-front-injected-503', ...items).evidence[0]).toBe('2 s3-front PUT 503 flag FI requests during slowdown (at least 1)');
    const r = run('registry-retried-503', ...items);
    expect(r.valid).toBe(true);
    expect(r.evidence.find((l) => l.startsWith('landed later'))).toMatch(/^landed later: 1 /);
  });

  it('not without the fault, nor for 503s from the store behind the front', () => {
    expect(run('s3-front-injected-503', [10, put('/registry/a', 503, 'FI')]).valid).toBe(false);
    const upstream: Array<[number, NewEvent]> = [
      [0, on('applied')],
      [10, put('/registry/a', 503)],
      [20, put('/registry/a', 200)],
      [30, on('healed')],
    ];
    expect(run('s3-front-injected-503', ...upstream).valid).toBe(false);
    expect(run('registry-retried-503', ...upstream).valid).toBe(false);
  });
});
