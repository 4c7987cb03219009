// `lab suite`: the scenarios as a test suite for CI. One testcase per scenario × variant × combination; shards
// split the testcases deterministically; the exit code is Jepsen's test-all's: 2 when any testcase is unknown or
// errored, else 1 when any did not meet its expectations, else 0.
import { ScenarioError } from '../core/errors.ts';
import type { Verdict } from '../core/run-files.ts';
import { type StackChoice, withChoice } from '../scenario/choice.ts';
import type { Loaded } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { type Axes, comboName, matrixOf } from '../runner/matrix.ts';

export interface Testcase {
  /** "stream-idle-504", "swift-replica-down/mitigated", "stream-idle-504 [minio, Distribution 3]" */
  id: string;
  scenario: string;
  variant?: string;
  /** the stack it runs on, when the suite runs combinations */
  combination?: string;
  choice: StackChoice;
  loaded: Loaded;
  /** the scenario with the choice made, or why the choice cannot apply */
  chosen: { scenario: Scenario } | { notApplicable: string };
}

export type Status = 'passed' | 'failed' | 'error' | 'skipped';

export interface Outcome {
  testcase: Testcase;
  status: Status;
  seconds: number;
  verdict?: Verdict;
  /** why it was skipped (cannot apply) or errored (the run did not start, or threw) */
  message?: string;
  /** the run's directory */
  run?: string;
}

/** The testcases of scenarios (each loaded, and each variant loaded, in order): one per scenario or variant on
 * its own stack, or with `matrix` one per combination of the axes; `choice` applies to every one. */
export function testcases(loaded: readonly { loaded: Loaded; variant?: string }[], o: { matrix?: Axes; choice?: StackChoice } = {}): Testcase[] {
  return loaded.flatMap(({ loaded: l, variant }) => {
    const name = l.scenario.name + (variant ? `/${variant}` : '');
    const base = { scenario: l.scenario.name, ...(variant && { variant }), loaded: l };
    if (!o.matrix) return [{ ...base, id: name, ...chosen(l, o.choice ?? {}) }];
    return matrixOf(l, o.matrix).map(({ combination, choice }) => ({
      ...base,
      id: `${name} [${comboName(combination)}]`,
      combination: comboName(combination),
      ...chosen(l, choice),
    }));
  });
}

function chosen(l: Loaded, choice: StackChoice): Pick<Testcase, 'choice' | 'chosen'> {
  try {
    return { choice, chosen: { scenario: withChoice(l, choice) } };
  } catch (e) {
    if (e instanceof ScenarioError) return { choice, chosen: { notApplicable: e.message } };
    throw e;
  }
}

/** Shard `index` of `total` (from 1): every total-th testcase, so that each shard gets a share of every scenario. */
export function shard<T>(cases: readonly T[], index: number, total: number): T[] {
  return cases.filter((_, k) => k % total === index - 1);
}

/** "I/N" as a shard: 1 ≤ I ≤ N ≤ 100. */
export function parseShard(s: string): { index: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || index < 1 || total < 1 || total > 100 || index > total) throw new ScenarioError(`--shard: expected I/N with 1 ≤ I ≤ N ≤ 100, got "${s}"`);
  return { index, total };
}

export function statusOf(v: Verdict): Status {
  return v.exitCode === 0 ? 'passed' : v.exitCode === 1 ? 'failed' : 'error';
}

/** 2 when any testcase is unknown or errored (or none ran), else 1 when any did not meet its expectations, else 0. */
export function suiteExitCode(outcomes: readonly Outcome[]): number {
  if (outcomes.some((o) => o.status === 'error') || outcomes.every((o) => o.status === 'skipped')) return 2;
  return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}

/** The outcomes as JSON (shape registry-lab/suite/1). */
export function suiteJson(outcomes: readonly Outcome[], seed: number) {
  const testcases = outcomes.map(({ testcase: t, status, seconds, verdict, message, run }) => ({
    id: t.id,
    scenario: t.scenario,
    variant: t.variant ?? null,
    combination: t.combination ?? null,
    status,
    seconds,
    verdict: verdict?.verdict ?? null,
    reason: verdict?.reason ?? message ?? null,
    run: run ?? null,
  }));
  return { schema: 'registry-lab/suite/1', seed, exitCode: suiteExitCode(outcomes), testcases };
}

/** Runs the testcases, `jobs` at a time, in order; a testcase that cannot apply is skipped, one that throws is an
 * error, and the suite goes on (until `signal` aborts it: what has not started is left out). */
export async function runSuite(
  cases: readonly Testcase[],
  run: (s: Scenario, t: Testcase) => Promise<{ verdict: Verdict; run: string }>,
  done: (o: Outcome, nth: number) => void,
  o: { jobs: number; signal: AbortSignal },
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const one = async (t: Testcase): Promise<Outcome> => {
    if ('notApplicable' in t.chosen) return { testcase: t, status: 'skipped', seconds: 0, message: t.chosen.notApplicable };
    const t0 = performance.now();
    const seconds = () => (performance.now() - t0) / 1000;
    try {
      const r = await run(t.chosen.scenario, t);
      return { testcase: t, status: statusOf(r.verdict), seconds: seconds(), verdict: r.verdict, run: r.run };
    } catch (e) {
      return { testcase: t, status: 'error', seconds: seconds(), message: (e as Error).message };
    }
  };
  const worker = async () => {
    while (next < cases.length && !o.signal.aborted) {
      const k = next++;
      const outcome = await one(cases[k]!);
      outcomes[k] = outcome;
      done(outcome, k + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  return outcomes.filter(Boolean);
}
