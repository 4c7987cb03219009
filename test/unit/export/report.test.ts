import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../lab/core/events/schema.ts';
import type { RunJson, Verdict } from '../../../lab/core/run-files.ts';
import { eventLine, reportMarkdown, stepLine } from '../../../lab/export/report.ts';

const run = {
  id: 'r1',
  mode: 'scenario',
  runtime: 'container',
  images: { registry: 'registry-lab/distribution-2.8:bookworm-abc', 'object-store': 'registry-lab/ceph:forky-def' },
  scenario: 'stream-idle-504',
  variant: null,
  file: 'scenarios/stream-idle-504.ts',
  seed: 7,
  versions: { distribution: '2.8.2', ceph: '20.2.4' },
  endpoints: {},
  products: { registry: 'distribution', 'object-store': 'ceph' },
  links: { 'rgw-link': { from: 's3-front', to: 'object-store' } },
  definition: {
    symptom: 'pushes fail with 500',
    source: 'seed 000',
    workload: [{ push: { images: 3, layers: ['small', '1MiB'] } }, { fault: 'rgw-stall' }],
    faults: { 'rgw-stall': { kind: 'toxic', link: 'rgw-link' } },
    expect: { reproduced: ['s3-front-504'], violated: [], holds: ['durability'] },
    evidence: {},
    bounds: {},
  },
} as unknown as RunJson;
const events = [
  { seq: 4, t: 1500, type: 'access', component: 's3-front', product: 'envoy', method: 'PUT', path: '/registry/x', status: 504, flags: 'SI' },
  { seq: 5, t: 1600, type: 'component.log', component: 'registry', product: 'distribution', level: 'error', line: 'upload failed' },
] as unknown as LabEvent[];
const verdict: Verdict = {
  verdict: 'reproduced',
  exitCode: 0,
  expected: 'reproduced',
  reason: 's3-front-504 seen; durability held',
  checks: {
    's3-front-504': { kind: 'symptom', valid: true, evidence: ['1 PUT answered 504 SI'], seqs: [4] },
    durability: { kind: 'invariant', valid: true, evidence: ['3 acknowledged images pull back'] },
  },
  crashes: [],
};

describe('REPORT.md', () => {
  const md = reportMarkdown({
    run,
    verdict,
    events,
    timeline: ['  1.5s  ⚡ fault rgw-stall applied'],
    rerun: 'lab scenario stream-idle-504 --seed 7 --runtime container',
  });

  it("has the sections of Distribution's bug template, in order", () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# pushes fail with 500',
      '## Description',
      '## Reproduce',
      '## Expected behaviour',
      '## Actual behaviour',
      '## Versions',
      '## Evidence',
      '## Timeline',
      '## Verdict of the lab',
    ]);
  });

  it('names every version and image, the workload and faults, and how to run it again', () => {
    expect(md).toContain('   | registry | distribution | 2.8.2 | registry-lab/distribution-2.8:bookworm-abc |');
    expect(md).toContain('   | object-store | ceph | 20.2.4 | registry-lab/ceph:forky-def |');
    expect(md).toContain('   - push: {images: 3, layers: [small, 1MiB]}');
    expect(md).toContain('   - rgw-stall: {kind: toxic, link: rgw-link}');
    expect(md).toContain('`lab scenario stream-idle-504 --seed 7 --runtime container`');
    expect(md).toContain('- durability holds');
  });

  it('gives each link of the evidence chain the log lines it rests on', () => {
    expect(md).toContain('- **s3-front-504** (symptom): yes\n  - 1 PUT answered 504 SI\n  ```\n    1.500s s3-front (envoy) PUT /registry/x → 504 SI\n  ```');
    expect(eventLine(events[1]!)).toBe('1.600s registry (distribution) error: upload failed');
    expect(stepLine({ pull: 'all' })).toBe('pull: all');
  });
});
