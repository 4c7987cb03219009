import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { access, build, complete, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const on = (t: 'fault.applied' | 'fault.healed'): NewEvent => ({
  type: t,
  fault: 'slowdown',
  kind: 'http-fault',
  targets: [{ component: 's3-front', resource: 'PUT /' }],
  detail: {},
});
const put = (path: string, status: number, flags = '-') => access('s3-front', 'envoy', 'PUT', path, status, { flags });
const img = { repo: 'lab/a', tag: 'v1', digest: 'sha256:m' };

describe('s3-front-injected-503 and registry-retried-503', () => {
  const events = build(
    [0, on('fault.applied')],
    [5, invoke(0, 'push', img)],
    [10, put('/registry/a', 503, 'FI')],
    [20, put('/registry/a', 200)],
    [30, put('/registry/b', 503, 'FI')],
    [40, put('/registry/c', 200)],
    [50, complete(0, 'push', 'ok', { value: { digest: 'sha256:m' } })],
    [60, invoke(1, 'push', { ...img, repo: 'lab/b' })],
    [70, complete(1, 'push', 'info', { status: 500 })],
    [100, on('fault.healed')],
    [110, put('/registry/b', 503, 'FI')],
  );

  it('counts the PUTs the front answered 503 itself while the fault was active', () => {
    expect(checkOn('s3-front-injected-503', events)).toMatchObject({
      valid: true,
      evidence: [
        'the s3-front answered 2 of 4 PUTs with 503 flag FI (its fault filter, not the object store)',
        '503 FI for PUT /registry/a',
        '503 FI for PUT /registry/b',
      ],
    });
  });

  it('sees a retry that landed, and counts the pushes by how they ended', () => {
    const r = checkOn('registry-retried-503', events);
    expect(r.valid).toBe(true);
    expect(r.evidence[0]).toBe('1 of 2 requests the s3-front answered 503 landed when the registry tried them again');
    expect(r.evidence.at(-1)).toBe('pushes while the fault was active: 1 acknowledged, 1 not (op 1 info HTTP 500)');
    expect(r.ops).toEqual([1]);
  });

  it('sees nothing without an HTTP fault, or when no 503 came from the front itself', () => {
    expect(checkOn('s3-front-injected-503', build([10, put('/registry/a', 503, 'FI')])).valid).toBe(false);
    const upstream = build([0, on('fault.applied')], [10, put('/registry/a', 503)], [20, put('/registry/a', 200)], [30, on('fault.healed')]);
    expect(checkOn('s3-front-injected-503', upstream).valid).toBe(false);
    expect(checkOn('registry-retried-503', upstream).valid).toBe(false);
  });
});
