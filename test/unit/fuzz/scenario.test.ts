import { describe, expect, it } from 'vitest';
import { TOXIC_PRESETS, toxicSpec } from '../../../faults/toxic.ts';
import { commandArbitrary } from '../../../lab/fuzz/arbitraries.ts';
import { fuzzScenario, reproducer } from '../../../lab/fuzz/scenario.ts';
import { FUZZ_INVARIANTS, Violation } from '../../../lab/fuzz/verify.ts';
import { COMMANDS, describeCommand } from '../../../lab/ops/index.ts';
import { validate } from '../../../lab/scenario/load.ts';
import fc from 'fast-check';

const shrunk = [
  { cmd: 'upload-start' },
  { cmd: 'fault', fault: 'timeout@rgw-link' },
  { cmd: 'upload-patch', upload: 0, bytes: 100 },
  { cmd: 'heal', fault: 'timeout@rgw-link' },
  { cmd: 'upload-status', upload: 0 },
];

describe('the fuzzer as data', () => {
  it('drives the S3 preset with writes through the link, and names faults by toxic and link', () => {
    const s = fuzzScenario('minio', ['timeout', 'latency']);
    expect(s.topology['object-store']).toEqual({ product: 'minio' });
    expect(s.topology['s3-front']).toMatchObject({ product: 'envoy', writesVia: 'rgw-link' });
    expect(s.faults['timeout@rgw-link']).toEqual({
      kind: 'toxic',
      link: 'rgw-link',
      toxic: 'timeout',
      stream: 'upstream',
      toxicity: 1,
      attributes: { timeout: 0 },
    });
    expect(Object.keys(s.faults)).toEqual(['timeout@rgw-link', 'latency@rgw-link']);
    expect(s.expect.holds).toEqual(FUZZ_INVARIANTS);
    expect(toxicSpec('latency', 'l').attributes).toEqual(TOXIC_PRESETS.latency);
    expect(() => toxicSpec('earthquake', 'l')).toThrow('unknown toxic "earthquake"');
  });

  it('writes a reproducer that is a valid scenario expecting the same checker to be violated', () => {
    const base = fuzzScenario('ceph', ['timeout', 'latency']);
    const v = new Violation('honest-errors', ['op 1 PATCH of upload 0 got 202 with Range 0-99; …']);
    const s = validate(JSON.parse(JSON.stringify(reproducer(base, shrunk, v, 3, '91:5:3'))), 'reproducer.json');
    expect(s.expect).toEqual({ violated: ['honest-errors'], holds: [], reproduced: [] });
    expect(Object.keys(s.faults)).toEqual(['timeout@rgw-link']);
    expect(s.workload).toEqual([{ commands: shrunk }]);
    expect(s.source).toBe('lab fuzz --seed 3 (fast-check path 91:5:3)');
  });

  it('describes commands in one short line', () => {
    expect(shrunk.map(describeCommand)).toEqual([
      'upload-start()',
      'fault(fault=timeout@rgw-link)',
      'upload-patch(upload=0 bytes=100)',
      'heal(fault=timeout@rgw-link)',
      'upload-status(upload=0)',
    ]);
    expect(describeCommand({ cmd: 'push', layers: ['small', '1MiB'], chunked: true })).toBe('push(layers=small+1MiB chunked=true)');
  });

  it('generates every command that says how, each valid by its own schema; faults only when given', () => {
    const seen = new Set<string>();
    for (const c of fc.sample(commandArbitrary(['timeout@rgw-link']), 500)) {
      seen.add(c.cmd);
      const { cmd, ...fields } = c;
      expect(COMMANDS.get(cmd).spec.safeParse(fields).success).toBe(true);
    }
    expect([...seen].sort()).toEqual(
      COMMANDS.all
        .filter((c) => c.fuzz?.(['x']))
        .map((c) => c.name)
        .sort(),
    );
    expect(fc.sample(commandArbitrary([]), 300).some((c) => c.cmd === 'fault' || c.cmd === 'heal')).toBe(false);
  });
});

describe("the fuzzer's stack for each backend", () => {
  it("is Swift's preset with a faultable link to every server, each fault kind on each", () => {
    const s = fuzzScenario('swift', ['link-down']);
    expect(s.topology.registry).toMatchObject({ storage: 'swift' });
    // so that a case does not inherit the error limits of the last one's cut
    expect(s.topology['object-store']).toMatchObject({ product: 'swift', errorSuppressionS: 0 });
    expect(Object.keys(s.topology.links)).toEqual(['a1-link', 'c1-link', 'c2-link', 'c3-link', 'o1-link', 'o2-link', 'o3-link']);
    expect(s.topology.links['o3-link']).toEqual({ from: 'object-store', to: 'object-store:o3' });
    expect(s.faults['link-down@c3-link']).toEqual({ kind: 'link-down', link: 'c3-link' });
    expect(Object.keys(s.faults)).toHaveLength(7);
  });

  it('is the S3 preset for an S3 store, the toxics on its write link', () => {
    expect(Object.keys(fuzzScenario('ceph', ['link-down', 'timeout']).faults)).toEqual(['link-down@rgw-link', 'timeout@rgw-link']);
  });
});
