import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../lab/core/errors.ts';
import type { Verdict } from '../../../lab/core/run-files.ts';
import { type Outcome, parseShard, runSuite, shard, suiteExitCode, testcases } from '../../../lab/suite/suite.ts';
import { validate, withVariant } from '../../../lab/scenario/load.ts';
import quotaExhausted from '../../../scenarios/quota-exhausted.ts';
import streamIdle504 from '../../../scenarios/stream-idle-504.ts';
import swiftReplicaDown from '../../../scenarios/swift-replica-down.ts';

const verdict = (exitCode: Verdict['exitCode']): Verdict => ({
  verdict: exitCode === 0 ? 'reproduced' : exitCode === 1 ? 'not reproduced' : 'unknown',
  exitCode,
  expected: 'reproduced',
  reason: `exit ${exitCode}`,
  checks: {},
  crashes: [],
});
const loaded = (raw: unknown, variant?: string) => {
  const r = variant ? withVariant(raw, variant) : raw;
  return { loaded: { scenario: validate(raw, 'x.ts', variant), raw: r, file: 'x.ts', shown: 'x.ts' }, ...(variant && { variant }) };
};
const outcome = (status: Outcome['status']) => ({ status }) as Outcome;
const never = new AbortController().signal;

describe('lab suite', () => {
  it('has a testcase per scenario and variant, or per combination with a matrix', () => {
    const own = testcases([loaded(streamIdle504), loaded(swiftReplicaDown), loaded(swiftReplicaDown, 'mitigated')]);
    expect(own.map((t) => t.id)).toEqual(['stream-idle-504', 'swift-replica-down', 'swift-replica-down/mitigated']);
    expect(own[2]).toMatchObject({ scenario: 'swift-replica-down', variant: 'mitigated', choice: {} });

    const matrix = testcases([loaded(streamIdle504)], { matrix: { backend: ['ceph', 'minio'], registry: ['3'] } });
    expect(matrix.map((t) => t.id)).toEqual(['stream-idle-504 [ceph, Distribution 3]', 'stream-idle-504 [minio, Distribution 3]']);
    expect(matrix[1]!.choice).toMatchObject({ backend: 'minio', registry: '3' });
  });

  it('splits the testcases into shards that together hold each one once, the same way every time', () => {
    const cases = Array.from({ length: 10 }, (_, i) => i);
    const shards = [1, 2, 3].map((i) => shard(cases, i, 3));
    expect(shards).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
    expect(shards.flat().sort((a, b) => a - b)).toEqual(cases);
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '3', 'a/b', '1/101'])
      expect(() => parseShard(bad)).toThrow(new ScenarioError(`--shard: expected I/N with 1 ≤ I ≤ N ≤ 100, got "${bad}"`));
  });

  it('exits as Jepsen test-all does: 2 for any error or unknown, else 1 for any failure, else 0', () => {
    expect(suiteExitCode(['passed', 'failed', 'error'].map((s) => outcome(s as Outcome['status'])))).toBe(2);
    expect(suiteExitCode(['passed', 'failed', 'skipped'].map((s) => outcome(s as Outcome['status'])))).toBe(1);
    expect(suiteExitCode(['passed', 'skipped'].map((s) => outcome(s as Outcome['status'])))).toBe(0);
    expect(suiteExitCode([outcome('skipped')])).toBe(2);
    expect(suiteExitCode([])).toBe(2);
  });

  it('runs testcases N at a time, in order, skips what cannot apply and goes on after one that throws', async () => {
    const cases = testcases([loaded(streamIdle504), loaded(quotaExhausted), loaded(swiftReplicaDown)], { choice: { backend: 'minio' } });
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    const outcomes = await runSuite(
      cases,
      async (s) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        if (s.name === 'stream-idle-504') throw new Error('port 1234 in use');
        return { verdict: verdict(1), run: 'runs/x' };
      },
      (_, nth) => seen.push(nth),
      { jobs: 2, signal: never },
    );
    // quota-exhausted cannot run on MinIO (no quota); swift-replica-down is not on S3: --backend does not apply
    expect(outcomes.map((o) => [o.testcase.id, o.status])).toEqual([
      ['stream-idle-504', 'error'],
      ['quota-exhausted', 'skipped'],
      ['swift-replica-down', 'skipped'],
    ]);
    expect(outcomes[0]!.message).toBe('port 1234 in use');
    expect(outcomes[1]!.message).toMatch(/quota/);
    expect(seen.sort()).toEqual([1, 2, 3]);
    expect(most).toBe(1);

    const two = await runSuite(
      testcases([loaded(streamIdle504), loaded(streamIdle504), loaded(streamIdle504)]),
      async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return { verdict: verdict(0), run: 'runs/x' };
      },
      () => {},
      { jobs: 2, signal: never },
    );
    expect(two.map((o) => o.status)).toEqual(['passed', 'passed', 'passed']);
    expect(most).toBe(2);
  });

  it('starts nothing more once interrupted', async () => {
    const ac = new AbortController();
    const outcomes = await runSuite(
      testcases([loaded(streamIdle504), loaded(streamIdle504)]),
      async () => {
        ac.abort();
        return { verdict: verdict(2), run: 'runs/x' };
      },
      () => {},
      { jobs: 1, signal: ac.signal },
    );
    expect(outcomes.map((o) => o.status)).toEqual(['error']);
  });
});
