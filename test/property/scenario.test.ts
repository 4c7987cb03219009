// The scenario loader under generated input: it never crashes; what it rejects gets one line naming the file.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ScenarioError } from '../../lab/core/errors.ts';
import { validate } from '../../lab/scenario/load.ts';
import streamIdle504 from '../../scenarios/stream-idle-504.ts';

function outcome(raw: unknown): 'valid' | 'rejected' {
  try {
    validate(raw, 'generated.json');
    return 'valid';
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const msg = (e as Error).message;
    expect(msg.startsWith('generated.json: ')).toBe(true);
    expect(msg).not.toContain('\n');
    return 'rejected';
  }
}

it('rejects arbitrary JSON with a one-line error, never a crash', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (raw) => {
      expect(outcome(raw)).toBe('rejected');
    }),
    { numRuns: 300 },
  );
});

it('handles any field of a real scenario replaced by anything', () => {
  const paths: string[][] = [
    ['name'],
    ['topology', 'registry'],
    ['topology', 's3-front', 'idleTimeoutMs'],
    ['topology', 'links'],
    ['workload'],
    ['workload', '0'],
    ['faults', 'rgw-stall'],
    ['expect', 'reproduced'],
    ['bounds'],
    ['variants'],
  ];
  fc.assert(
    fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
      const raw: Record<string, unknown> = structuredClone(streamIdle504) as Record<string, unknown>;
      let at: Record<string, unknown> = raw;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
      at[path.at(-1)!] = value;
      outcome(raw);
    }),
    { numRuns: 300 },
  );
});
