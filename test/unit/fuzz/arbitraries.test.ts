import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseArbitrary, type Step } from '../../../lab/fuzz/arbitraries.ts';
import { applies } from '../../../lab/ops/index.ts';
import { Model } from '../../../lab/ops/model.ts';

const commandsOf = ([opener, cs]: [Step, Iterable<unknown>]) => [opener.command, ...[...cs].map((w) => (w as { cmd: Step }).cmd.command)];

describe('fuzz cases', () => {
  it('each begin with a write that runs in an empty case, so none is empty', () => {
    const cases = fc.sample(caseArbitrary(['timeout@rgw-link'], 8), { numRuns: 200, seed: 5 }).map(commandsOf);
    expect(cases).toHaveLength(200);
    for (const c of cases) {
      expect(['push', 'push-blobs', 'upload-start']).toContain(c[0]!.cmd);
      expect(applies(c[0]!, new Model('t'))).toBe(true);
    }
    // and faults come up in them
    expect(cases.some((c) => c.some((x) => x.cmd === 'fault'))).toBe(true);
  });

  it('apply a fault only while a write is in flight (a scenario applies it whenever it says)', () => {
    const steps = fc
      .sample(caseArbitrary(['timeout@rgw-link'], 8), { numRuns: 200, seed: 5 })
      .flatMap(([, cs]) => [...cs].map((w) => (w as unknown as { cmd: Step }).cmd));
    const step = steps.find((s) => s.command.cmd === 'fault')!;
    const m = new Model('t');
    expect(applies(step.command, m)).toBe(true);
    expect(step.check(m)).toBe(false);
    m.uploads.push({ repo: 't/u', data: Buffer.alloc(0), acked: 0, state: 'open' });
    expect(step.check(m)).toBe(true);
    m.uploads[0]!.state = 'committed';
    expect(step.check(m)).toBe(false);
    m.images.push({ repo: 't/i', tag: 'v1', digest: 'sha256:x', layers: [], state: 'in-flight' });
    expect(step.check(m)).toBe(true);
  });
});
