import { describe, expect, it } from 'vitest';
import { commandSchema, describeCommand, type Command } from '../../../lab/fuzz/command.ts';
import { FAULT_KINDS, faultSpecs } from '../../../lab/fuzz/faults.ts';
import { fuzzScenario, reproducer } from '../../../lab/fuzz/scenario.ts';
import { Violation } from '../../../lab/fuzz/verify.ts';
import { validate } from '../../../lab/scenario/load.ts';

const shrunk: Command[] = [
  { cmd: 'upload-start' },
  { cmd: 'fault', fault: 'timeout@rgw-link' },
  { cmd: 'upload-patch', upload: 0, bytes: 100 },
  { cmd: 'heal', fault: 'timeout@rgw-link' },
  { cmd: 'upload-status', upload: 0 },
];

describe('the fuzzer as data', () => {
  it('names faults by kind and link, with the toxic each kind applies', () => {
    expect(faultSpecs(['timeout'], ['rgw-link'])).toEqual({ 'timeout@rgw-link': { kind: 'toxic', link: 'rgw-link', toxic: 'timeout', stream: 'upstream', toxicity: 1, attributes: { timeout: 0 } } });
    expect(Object.keys(faultSpecs(FAULT_KINDS, ['a', 'b']))).toHaveLength(FAULT_KINDS.length * 2);
    expect(() => faultSpecs(['earthquake'], ['a'])).toThrow('unknown fault kind "earthquake"');
  });

  it('writes a reproducer that is a valid scenario expecting the same checker to be violated', async () => {
    const base = await fuzzScenario('ceph', ['timeout', 'latency']);
    const v = new Violation('honest-errors', ['op 1 PATCH of upload 0 got 202 with Range 0-99; …']);
    const s = validate(JSON.parse(JSON.stringify(reproducer(base, shrunk, v, 3, '91:5:3'))), 'reproducer.json');
    expect(s.expect).toEqual({ violated: ['honest-errors'], holds: [], reproduced: [] });
    expect(Object.keys(s.faults)).toEqual(['timeout@rgw-link']);
    expect(s.workload).toEqual([{ commands: shrunk }]);
    expect(s.source).toBe('lab fuzz --seed 3 (fast-check path 91:5:3)');
  });

  it('describes commands in one short line, and rejects malformed ones', () => {
    expect(shrunk.map(describeCommand)).toEqual(['upload-start()', 'fault(fault=timeout@rgw-link)', 'upload-patch(upload=0 bytes=100)', 'heal(fault=timeout@rgw-link)', 'upload-status(upload=0)']);
    expect(describeCommand({ cmd: 'push', layers: ['small', '1MiB'], chunked: true })).toBe('push(layers=small+1MiB chunked=true)');
    expect(commandSchema.safeParse({ cmd: 'upload-patch', upload: -1, bytes: 3 }).success).toBe(false);
    expect(commandSchema.safeParse({ cmd: 'restart', component: 'object-store' }).success).toBe(false);
  });
});
