import { describe, expect, it } from 'vitest';
import httpFault from '../../../faults/http-fault.ts';
import { validate } from '../../../lab/scenario/load.ts';
import { s3Stack } from '../../../lab/scenario/presets.ts';

const scenario = (front: 'envoy' | 'nginx', fault: Record<string, unknown>) => ({
  name: 'slow',
  symptom: 's',
  source: 's',
  topology: s3Stack({ product: front, idleTimeoutMs: 2000 }),
  workload: [{ fault: 'slowdown' }, { heal: 'slowdown' }],
  faults: { slowdown: { kind: 'http-fault', ...fault } },
  expect: {},
});

describe('http-fault', () => {
  it('plans an abort or a delay for the matching requests of the s3-front', () => {
    const s = validate(scenario('envoy', { percent: 30, methods: ['PUT'], abort: 503 }), 'x.ts');
    expect(httpFault.plan('slowdown', httpFault.spec.parse({ percent: 30, methods: ['PUT'], abort: 503 }))).toEqual({
      fault: 'slowdown',
      targets: [{ component: 's3-front', resource: 'PUT /' }],
      match: { methods: ['PUT'] },
      setting: { abort: { status: 503, percent: 30 } },
    });
    expect(s.faults.slowdown).toEqual({ kind: 'http-fault', percent: 30, methods: ['PUT'], abort: 503 });
    expect(httpFault.plan('d', httpFault.spec.parse({ percent: 100, path: '/registry/', delayMs: 2000 })).setting).toEqual({
      delay: { ms: 2000, percent: 100 },
    });
  });

  it('needs an s3-front with HTTP faults: nginx has none', () => {
    expect(() => validate(scenario('nginx', { percent: 30, abort: 503 }), 'x.ts')).toThrow(
      'x.ts: faults.slowdown: an HTTP fault needs the s3-front to have http-faults (HTTP faults (an abort with a status, or a delay) for a share of matching requests, declared before start and switched at run time); nginx does not, as configured (envoy does)',
    );
  });

  it('takes an abort or a delay, one of them, with a share from 0 to 100', () => {
    expect(() => validate(scenario('envoy', { percent: 30 }), 'x.ts')).toThrow('x.ts: faults.slowdown: give abort (a status) or delayMs, one of them');
    expect(() => validate(scenario('envoy', { percent: 130, abort: 503 }), 'x.ts')).toThrow(
      'x.ts: faults.slowdown.percent: Number must be less than or equal to 100',
    );
    expect(() => validate(scenario('envoy', { percent: 30, abort: 200 }), 'x.ts')).toThrow(
      'x.ts: faults.slowdown.abort: Number must be greater than or equal to 400',
    );
  });
});
