// `lab fuzz`: fast-check's model-based testing against the real stack. Each case works in its own
// repository namespace and ends with every fault healed and everything acknowledged read again (case-end.ts),
// then with the registry's store and cache emptied, so cases are independent, shrinking converges, and a
// garbage collection walks one case's repositories, not every case's; then the counterexample's fault
// schedule is shortened (schedule.ts). Every case, shrink step and trial is recorded in one run, whose
// verdict (violated when a case broke an invariant, else holds) is its exit code.
import fc from 'fast-check';
import { judge } from '../checks/verdict.ts';
import { Interrupted } from '../core/errors.ts';
import { readEvents } from '../core/events/log.ts';
import type { LabEvent } from '../core/events/schema.ts';
import type { Failure, Runtime, Verdict } from '../core/run-files.ts';
import { OpContext } from '../ops/context.ts';
import { applies, describeCommand, execute } from '../ops/index.ts';
import { Model } from '../ops/model.ts';
import { Recorder } from '../ops/recorder.ts';
import { FAULT_PROXY, FLUSH } from '../products/capabilities.ts';
import { openRun, StackRun } from '../runner/run.ts';
import { caseArbitrary, runCommand, type Step } from './arbitraries.ts';
import { caseEnd } from './case-end.ts';
import { coverage } from './coverage.ts';
import { fuzzScenario, readsAtEnd, reproducer } from './scenario.ts';
import { shortenSchedule } from './schedule.ts';
import { verify, Violation } from './verify.ts';

type Data = { cmd: string } & Record<string, unknown>;

export interface FuzzOptions {
  backend: string;
  runs: number;
  seed: number;
  /** toxic types, each applied on the S3 write link */
  faults: readonly string[];
  maxCommands: number;
  /** how components run (default native) */
  runtime?: Runtime;
  /** fast-check's replay path and the commands' replay path: run exactly that case (lab rerun) */
  path?: string;
  replayPath?: string;
  signal: AbortSignal;
  progress: (line: string) => void;
  live?: (e: LabEvent) => void;
  runsDir?: string;
}

export interface FuzzResult {
  run: { id: string; dir: string };
  cases: number;
  failed: boolean;
  shrinks: number;
  seconds: { total: number; toFind?: number; toShrink?: number };
  counterexample?: Data[];
  violation?: Violation;
  verdict: Verdict;
  /** how many cases reached each of the paths the fuzzer is there to reach */
  coverage: ReturnType<typeof coverage>;
}

export async function fuzz(o: FuzzOptions): Promise<FuzzResult> {
  const scenario = fuzzScenario(o.backend, o.faults);
  const reads = readsAtEnd(o.backend);
  const opts = { scenario, file: 'lab fuzz', seed: o.seed, runtime: o.runtime, signal: o.signal, progress: o.progress, live: o.live, runsDir: o.runsDir };
  await using run = openRun(opts);
  let cases = 0;
  let shrink = 0;
  let firstFailure: number | undefined;
  /** the last case that broke an invariant: what it ran (`untilEnd` of them before the case's end) */
  let last: { commands: Data[]; violation: Violation; untilEnd: number } | undefined;
  let result: fc.RunDetails<[[Step, Iterable<fc.AsyncCommand<Model, OpContext>>]]>;
  let t0 = 0;
  {
    await using lab = await StackRun.start(run, opts, 'fuzz');
    t0 = performance.now();
    using ctx = new OpContext(lab.stack, new Recorder(lab.registry, run.events, o.signal), run.events, lab.faults, o.seed);
    const toxiproxy = lab.stack.capable('fault-proxy', FAULT_PROXY).client;
    const emptied = ['object-store', 'cache'].filter((role) => lab.stack.has(role)).map((role) => lab.stack.capable(role, FLUSH));

    /** One case: `body` runs its commands, then its end (faults healed, what was acknowledged looked at again).
     * The commands it ran before the end when it broke an invariant, else undefined. */
    const runCase = async (body: (m: Model) => Promise<void>): Promise<Data[] | undefined> => {
      o.signal.throwIfAborted();
      const n = cases++;
      const model = new Model(`fuzz/c${n}`);
      const label = `case ${n}${shrink ? ` (shrink ${shrink})` : ''}`;
      ctx.newCase();
      run.events.append({ type: 'fuzz.case', case: n, step: 'start', shrink });
      let untilEnd: number | undefined;
      try {
        await body(model);
        untilEnd = ctx.ran.length;
        for (const c of caseEnd(model, reads) as Data[]) {
          ctx.ran.push(c);
          if (applies(c, model)) await execute(c, model, ctx);
        }
        verify(ctx.caseEvents);
        run.events.append({ type: 'fuzz.case', case: n, step: 'end', shrink, outcome: 'pass', commands: ctx.ran.map(describeCommand) });
        o.progress(`${label}: ${ctx.ran.length} commands, pass`);
        return undefined;
      } catch (e) {
        if (!(e instanceof Violation)) throw e;
        firstFailure ??= performance.now();
        last = { commands: [...ctx.ran], violation: e, untilEnd: untilEnd ?? ctx.ran.length };
        run.events.append({ type: 'fuzz.case', case: n, step: 'end', shrink, outcome: 'fail', commands: ctx.ran.map(describeCommand), error: e.message });
        o.progress(`${label}: ${ctx.ran.length} commands, FAIL ${e.message}`);
        shrink++;
        return last.commands.slice(0, last.untilEnd);
      } finally {
        await toxiproxy.reset();
        for (const c of emptied) await c.flush();
        run.events.flush();
      }
    };

    const property = fc.asyncProperty(caseArbitrary(lab.faults.names, o.maxCommands, o.replayPath), async ([opener, steps]) => {
      const broke = await runCase(async (model) => {
        await opener.run(model, ctx);
        await fc.asyncModelRun(() => ({ model, real: ctx }), steps);
      });
      if (broke) throw last!.violation;
    });

    try {
      result = await fc.check(property, { numRuns: o.runs, seed: o.seed, ...(o.path !== undefined && { path: o.path, endOnFailure: true }) });
      // then the fault schedule (not when replaying a case: that runs it exactly)
      if (result.failed && last && o.path === undefined) {
        const found = last.commands.slice(0, last.untilEnd);
        o.progress(`shortening the schedule of the ${found.length} commands found: fewer commands, faults later`);
        await shortenSchedule(found, (commands) =>
          runCase(async (model) => {
            for (const c of commands) if (applies(c, model)) await runCommand(c, model, ctx);
          }),
        );
      }
    } finally {
      lab.outcome = o.signal.aborted ? 'interrupted' : 'completed';
    }
  }
  if (o.signal.aborted) throw new Interrupted();
  const end = performance.now();
  const failed = result.failed && last !== undefined;
  if (result.failed && !last && result.errorInstance) throw result.errorInstance;
  if (failed) {
    const path = result.counterexamplePath ?? '';
    const replayPath = /replayPath="([^"]*)"/.exec(String(result.counterexample?.[0]?.[1]))?.[1];
    const failure: Failure = {
      backend: o.backend,
      seed: o.seed,
      path,
      replayPath,
      faults: [...o.faults],
      maxCommands: o.maxCommands,
      runs: o.runs,
      checker: last!.violation.checker,
      evidence: last!.violation.evidence,
      commands: last!.commands,
    };
    run.write('failure.json', failure);
    run.write('reproducer.json', reproducer(scenario, last!.commands, last!.violation, o.seed, path));
  }
  // the whole run judged like a scenario's, so that analyze and replay show its findings; its exit code is the CLI's
  const { events } = readEvents(run.events.file);
  const verdict = judge(scenario, events, { unknownHolds: true });
  run.write('verdict.json', verdict);
  run.events.append({ type: 'verdict', verdict: verdict.verdict, exitCode: verdict.exitCode });
  return {
    run: { id: run.id, dir: run.dir },
    cases,
    failed,
    shrinks: Math.max(0, shrink - 1),
    seconds: { total: (end - t0) / 1000, ...(firstFailure !== undefined && { toFind: (firstFailure - t0) / 1000, toShrink: (end - firstFailure) / 1000 }) },
    ...(failed && { counterexample: last!.commands, violation: last!.violation }),
    verdict,
    coverage: coverage(events),
  };
}
