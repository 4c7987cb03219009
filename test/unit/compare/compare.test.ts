// stream-idle-504's evidence chain held against events in the shape of a lab run and of imported logs.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../lab/compare/compare.ts';
import type { LabEvent, NewEvent } from '../../../lab/core/events/schema.ts';
import type { RunJson } from '../../../lab/core/run-files.ts';
import streamIdle from '../../../scenarios/stream-idle-504.ts';

const definition = { expect: { violated: [], holds: [], ...streamIdle.expect }, bounds: {}, evidence: streamIdle.evidence } as unknown as RunJson['definition'];

function log(events: NewEvent[]): LabEvent[] {
  return events.map((e, seq) => ({ seq, t: seq * 100, at: new Date(seq * 100).toISOString(), ...e }) as LabEvent);
}

const stalledPut = (host?: string) =>
  ({
    type: 'access',
    component: 's3-front',
    product: 'envoy',
    ...(host && { host }),
    method: 'PUT',
    path: `/b/small-${host ?? 'lab'}`,
    status: 504,
    flags: 'SI',
    durationMs: host ? 60_000 : 500,
  }) as const;
const rgw = (path: string, host?: string) =>
  ({ type: 'access', component: 'object-store', product: 'ceph', ...(host && { host }), method: 'GET', path, status: 200 }) as const;
const fault = { fault: 'rgw-stall', kind: 'toxic', targets: [{ component: 'fault-proxy', link: 'rgw-link' }], detail: {} };

const here = log([
  { type: 'fault.applied', ...fault },
  { type: 'op.invoke', op: 0, kind: 'push', args: { repo: 'lab/image-3', tag: 'v1', digest: 'sha256:a' } },
  stalledPut(),
  { type: 'component.log', component: 'registry', product: 'distribution', level: 'error', line: 'response completed with error' },
  { type: 'op.complete', op: 0, kind: 'push', outcome: 'info', status: 500, error: 'HTTP 500' },
  { type: 'fault.healed', ...fault },
  rgw('/b/other'),
]);

const production = (stall: boolean) =>
  log([
    rgw('/b/big', 'fe1'),
    ...(stall ? [stalledPut('fe1'), stalledPut('fe2')] : []),
    { type: 'access', component: 'registry-front', product: 'nginx', host: 'reg1', method: 'PATCH', path: '/v2/r/blobs/uploads/u', status: stall ? 500 : 202 },
    { type: 'component.log', component: 'registry', product: 'distribution', host: 'reg1', level: 'error', line: 'response completed with error' },
  ]);

describe('compareRuns', () => {
  it('finds every link of the chain in the logs of the incident, on the hosts that had it, and says what it did not compare', () => {
    const links = compareRuns(definition, here, production(true));
    expect(links.map((l) => [l.name, l.here.valid, l.there.valid, l.matches])).toEqual([
      ['push-5xx-during-fault', true, true, true],
      ['s3-front-idle-timeout-504', true, true, true],
      ['object-store-silent', true, true, true],
    ]);
    const s3 = links[1]!;
    expect(s3.there).toMatchObject({ lines: 2, hosts: ['fe1', 'fe2'], components: ['s3-front'], statuses: [504] });
    expect(s3.differs).toEqual(['median duration here 0.50 s, there 60.00 s']);
    expect(links[0]!.differs).toContain('ops read as the registry front\u2019s access lines');
    expect(links[0]!.differs).toContain('during rgw-stall not compared');
  });

  it('names the links the other run does not show', () => {
    const links = compareRuns(definition, here, production(false));
    expect(links.filter((l) => !l.matches).map((l) => l.name)).toEqual(['push-5xx-during-fault', 's3-front-idle-timeout-504', 'object-store-silent']);
    expect(links[1]!.there.valid).toBe(false);
  });
});
