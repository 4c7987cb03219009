import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { access, action, applied, build, complete, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const img = (n: number) => ({ repo: `lab/image-${n}`, tag: 'v1' });
const manifest = (n: number) => `/v2/lab/image-${n}/manifests/v1`;
const sync = (pass: number, step: 'start' | 'end', ok = true): NewEvent => ({
  type: 'sync',
  component: 'standby-sync',
  pass,
  step,
  ...(step === 'end' && { ok }),
});
const failover = action('failover', 'failover', [{ component: 'registry-front' }, { component: 'registry' }], { from: 'registry', to: 'standby' });

/** A push of image n from t to t+20 that the active registry acknowledged. */
function push(n: number, t: number): Array<[number, NewEvent]> {
  return [
    [t, invoke(n, 'push', { ...img(n), digest: `sha256:${n}` })],
    [t + 19, access('registry', 'distribution', 'PUT', manifest(n), 201)],
    [t + 20, complete(n, 'push', 'ok', { value: { digest: `sha256:${n}` } })],
  ];
}

/** A pull of image n after the failover: whole, missing (manifest 404) or broken (a blob 404). */
type Found = 'whole' | 'missing' | 'broken';

function pull(op: number, n: number, t: number, found: Found): Array<[number, NewEvent]> {
  const end: NewEvent =
    found === 'whole'
      ? complete(op, 'pull', 'ok', { value: { digest: `sha256:${n}`, blobs: [] } })
      : found === 'missing'
        ? complete(op, 'pull', 'fail', { status: 404, error: `GET ${manifest(n)}: HTTP 404 MANIFEST_UNKNOWN` })
        : complete(op, 'pull', 'fail', { status: 404, error: `GET /v2/lab/image-${n}/blobs/sha256:ff: HTTP 404 BLOB_UNKNOWN` });
  return [
    [t, invoke(op, 'pull', img(n))],
    ...(found === 'missing' ? [[t + 1, access('standby', 'distribution', 'GET', manifest(n), 404)] as [number, NewEvent]] : []),
    [t + 2, end],
  ];
}

// image 0 before pass 2, image 1 during it, image 2 after it; the failover at 500
const timeline = (found: ['whole' | 'missing' | 'broken', 'whole' | 'missing' | 'broken', 'whole' | 'missing' | 'broken']) =>
  build(
    [0, sync(1, 'start')],
    [10, sync(1, 'end')],
    ...push(0, 50),
    [200, sync(2, 'start')],
    ...push(1, 205),
    [250, sync(2, 'end')],
    ...push(2, 300),
    [500, failover],
    ...pull(10, 0, 600, found[0]),
    ...pull(11, 1, 610, found[1]),
    ...pull(12, 2, 620, found[2]),
  );

const check = (events: ReturnType<typeof build>) => checkOn('loss-window', events);

describe('loss-window', () => {
  it('holds when exactly the pushes acknowledged after the last completed sync are missing', () => {
    for (const during of ['whole', 'missing'] as const) {
      const r = check(timeline(['whole', during, 'missing']));
      expect(r.valid).toBe(true);
      expect(r.evidence[0]).toBe('last completed sync: pass 2, 0.20 s–0.25 s; failover at 0.50 s');
      expect(r.evidence[1]).toMatch(
        during === 'missing' ? /^2 of 3 acknowledged images missing on the standby: lab\/image-1:v1, lab\/image-2:v1$/ : /^1 of 3 .*: lab\/image-2:v1$/,
      );
    }
  });

  it('is violated by an image synced before the last pass that is missing', () => {
    const r = check(timeline(['missing', 'whole', 'missing']));
    expect(r.valid).toBe(false);
    expect(r.ops).toEqual([0, 10]);
    expect(r.evidence).toContain(
      'op 0 pushed lab/image-0:v1 (acknowledged at 0.07 s): expected whole on the standby, op 10 found it missing: fail HTTP 404 GET /v2/lab/image-0/manifests/v1: HTTP 404 MANIFEST_UNKNOWN',
    );
  });

  it('is violated by an image pushed after the last sync that is on the standby, or one half there', () => {
    expect(check(timeline(['whole', 'whole', 'whole'])).ops).toEqual([2, 12]);
    expect(check(timeline(['whole', 'broken', 'missing'])).ops).toEqual([1, 11]);
  });

  it('counts a pass cut short by the failover as neither synced nor clean', () => {
    // pass 2 starts after image 1 was acknowledged and is cut short: image 1 may or may not have been copied
    for (const found of ['whole', 'missing'] as const) {
      const events = build(
        [0, sync(1, 'start')],
        [10, sync(1, 'end')],
        ...push(0, 50),
        ...push(1, 300),
        [400, sync(2, 'start')],
        [480, sync(2, 'end', false)],
        [500, failover],
        ...pull(10, 0, 600, 'whole'),
        ...pull(11, 1, 610, found),
      );
      expect(check(events).valid).toBe(true);
    }
  });

  it('ignores pushes the standby acknowledged after the switch', () => {
    const events = build(
      ...timeline(['whole', 'whole', 'missing']).map((e): [number, NewEvent] => [e.t, e as NewEvent]),
      [700, invoke(3, 'push', { ...img(3), digest: 'sha256:3' })],
      [710, access('standby', 'distribution', 'PUT', manifest(3), 201)],
      [711, complete(3, 'push', 'ok', { value: { digest: 'sha256:3' } })],
    );
    expect(check(events).evidence[1]).toMatch(/^1 of 3 /);
  });

  it('is unknown without a failover, or when a lost image was never pulled', () => {
    expect(check(build(...push(0, 0))).valid).toBe('unknown');
    const unpulled = timeline(['whole', 'whole', 'missing']).filter((e) => !('op' in e && e.op === 12));
    expect(check(unpulled).valid).toBe('unknown');
  });
});

describe('lost-on-failover', () => {
  it('is seen when acknowledged images are missing and the standby answered 404 for them', () => {
    const events = timeline(['whole', 'whole', 'missing']);
    const f = checkOn('lost-on-failover', events);
    expect(f.valid).toBe(true);
    expect(f.evidence[0]).toBe('failover at 0.50 s; last completed sync pass 2 started at 0.20 s; 1 acknowledged images lost');
    expect(f.evidence.at(-1)).toBe('standby logged 1 GET 404 for their manifests');
    expect(f.ops).toEqual([2, 12]);
  });

  it('is not seen when the standby had everything', () => {
    const events = build(...push(0, 50), [200, sync(1, 'start')], [250, sync(1, 'end')], [500, failover], ...pull(10, 0, 600, 'whole'));
    expect(checkOn('lost-on-failover', events).valid).toBe(false);
  });
});

// on a zone failover (multisite): images acknowledged before the last sync-wait must pull whole from zb; later
// ones may be whole, missing or half there, since zb goes on syncing
const syncWait = (fault: string, waitedMs: number): NewEvent =>
  action(fault, 'sync-wait', [{ component: 'object-store', resource: 'zb' }], { waitedMs, status: { caughtUp: true } });
const zoneFailover = action('failover', 'zone-failover', [{ component: 'registry' }, { component: 'object-store', resource: 'zb' }], {
  from: 'za',
  to: 'zb',
  zbStatusBefore: { caughtUp: false },
});

// multisite-lag-failover's shape: images 0 and 1 pushed, a sync-wait (200–300), the sync link cut, images 2 and
// 3 pushed, the zone failover at 600, every image pulled from zb
const zoneTimeline = (found: [Found, Found, Found, Found], waitedMs = 100) =>
  build(
    ...push(0, 10),
    ...push(1, 100),
    [300, syncWait('synced', waitedMs)],
    [310, applied('sync-cut', 'sync-link')],
    ...push(2, 400),
    ...push(3, 450),
    [600, zoneFailover],
    ...pull(10, 0, 700, found[0]),
    ...pull(11, 1, 710, found[1]),
    ...pull(12, 2, 720, found[2]),
    ...pull(13, 3, 730, found[3]),
  );

describe('loss-window on a zone failover', () => {
  it('recognizes the zone failover, and holds when the images acknowledged before the sync-wait pull whole', () => {
    const r = check(zoneTimeline(['whole', 'whole', 'missing', 'missing']));
    expect(r.valid).toBe(true);
    expect(r.evidence[0]).toBe('last sync-wait: zb listed every key of za at 0.30 s (waited from 0.20 s); zone failover to zb at 0.60 s');
    expect(r.evidence[1]).toBe(
      '2 of 4 acknowledged images missing on zb: lab/image-2:v1, lab/image-3:v1; 2 acknowledged before the sync-wait must be whole, the 2 after it may be whole, missing or half there (zb goes on syncing)',
    );
    expect(r.evidence.join('\n')).not.toMatch(/no failover/);
  });

  it('allows anything of the images acknowledged after the sync-wait: zb may have synced them, or half of one', () => {
    for (const later of [
      ['whole', 'whole'],
      ['broken', 'missing'],
    ] as const) {
      const r = check(zoneTimeline(['whole', 'whole', ...later]));
      expect(r.valid).toBe(true);
    }
    expect(check(zoneTimeline(['whole', 'whole', 'broken', 'missing'])).evidence[1]).toMatch(
      /^1 of 4 acknowledged images missing on zb: lab\/image-3:v1, 1 half there; /,
    );
  });

  it('is violated by an image acknowledged before the sync-wait that is missing or half there on zb', () => {
    const r = check(zoneTimeline(['missing', 'whole', 'missing', 'missing']));
    expect(r.valid).toBe(false);
    expect(r.ops).toEqual([0, 10]);
    expect(r.evidence).toContain(
      'op 0 pushed lab/image-0:v1 (acknowledged at 0.03 s, before the sync-wait): expected whole on zb, op 10 found it missing: fail HTTP 404 GET /v2/lab/image-0/manifests/v1: HTTP 404 MANIFEST_UNKNOWN',
    );
    expect(check(zoneTimeline(['whole', 'broken', 'whole', 'whole'])).ops).toEqual([1, 11]);
  });

  it('promises only what was acknowledged before the wait began: a push acknowledged during it may be missing', () => {
    // the wait ran 150–300: image 1 (acknowledged at 120) is promised; with a wait of 250 ms (50–300) it is not
    expect(check(zoneTimeline(['whole', 'missing', 'missing', 'missing'], 150)).valid).toBe(false);
    expect(check(zoneTimeline(['whole', 'missing', 'missing', 'missing'], 250)).valid).toBe(true);
  });

  it('leaves out pushes acknowledged after the failover (on zb itself)', () => {
    const events = build(...zoneTimeline(['whole', 'whole', 'missing', 'missing']).map((e): [number, NewEvent] => [e.t, e as NewEvent]), ...push(4, 800));
    expect(check(events).evidence[1]).toMatch(/^2 of 4 /);
  });

  it('is unknown when no sync-wait completed before the failover, or an image it promises was not pulled', () => {
    const unsynced = zoneTimeline(['missing', 'missing', 'missing', 'missing']).filter((e) => e.type !== 'fault.action' || e.kind !== 'sync-wait');
    const r = check(unsynced);
    expect(r.valid).toBe('unknown');
    expect(r.evidence).toEqual([
      'zone failover to zb at 0.60 s, and no sync-wait completed before it: no acknowledged image was known to be on zb, so none is expected there',
    ]);
    const unpulled = zoneTimeline(['whole', 'whole', 'missing', 'missing']).filter((e) => !('op' in e && e.op === 11));
    expect(check(unpulled).valid).toBe('unknown');
    expect(check(unpulled).evidence.at(-1)).toBe('1 images acknowledged before the sync-wait were not pulled from zb with a definite answer');
    // an image after the wait that was not pulled does not matter
    expect(check(zoneTimeline(['whole', 'whole', 'missing', 'missing']).filter((e) => !('op' in e && e.op === 13))).valid).toBe(true);
  });

  it('says there was no failover only when there was neither kind', () => {
    const r = check(build(...push(0, 0), [100, syncWait('synced', 10)]));
    expect(r).toMatchObject({ valid: 'unknown', evidence: ['no failover in this run (neither a failover to a standby nor a zone failover)'] });
  });
});
