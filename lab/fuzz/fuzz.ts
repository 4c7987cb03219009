// `lab fuzz`: fast-check's model-based testing against the real stack. Each case works in its own
// repository namespace and ends with every fault healed and every acknowledged upload looked at again, so
// cases are independent and shrinking converges. Every case and shrink step is recorded in one run.
import fc from 'fast-check';
import { faultEffects } from '../../faults/effects.ts';
import type { Toxiproxy } from '../components/toxiproxy.ts';
import { Interrupted } from '../errors.ts';
import { readEvents } from '../events/log.ts';
import type { LabEvent } from '../events/schema.ts';
import { Ops } from '../ops.ts';
import type { RunDir } from '../run-dir.ts';
import { bringUp, tearDown } from '../runner.ts';
import { FAULT_PROXY, registryRole } from '../topology.ts';
import { judge } from '../verdict.ts';
import { caseArbitrary } from './arbitraries.ts';
import { describeCommand, type Command } from './command.ts';
import { openUploadChecks } from './commands/upload.ts';
import { applies, execute } from './executors.ts';
import { Model } from './model.ts';
import { BACKENDS, fuzzScenario, reproducer } from './scenario.ts';
import { System } from './system.ts';
import { verify, Violation } from './verify.ts';

export interface FuzzOptions {
  backend: keyof typeof BACKENDS;
  runs: number;
  seed: number;
  faults: readonly string[];
  maxCommands: number;
  /** fast-check's replay path and the commands' replay path: run exactly that case (lab rerun) */
  path?: string;
  replayPath?: string;
  signal: AbortSignal;
  progress: (line: string) => void;
  live?: (e: LabEvent) => void;
  runsDir?: string;
}

export interface FuzzResult {
  run: RunDir;
  cases: number;
  failed: boolean;
  shrinks: number;
  seconds: { total: number; toFind?: number; toShrink?: number };
  counterexample?: Command[];
  violation?: Violation;
  path?: string;
  replayPath?: string;
}

export async function fuzz(o: FuzzOptions): Promise<FuzzResult> {
  const scenario = await fuzzScenario(o.backend, o.faults);
  const { run, stack } = await bringUp({ scenario, file: 'lab fuzz', seed: o.seed, signal: o.signal, progress: o.progress, live: o.live, runsDir: o.runsDir }, 'fuzz');
  const t0 = performance.now();
  const ops = new Ops(stack.get(registryRole(scenario.topology)).endpoint, run.events, o.signal);
  const system = new System(stack, ops, run.events, faultEffects(scenario, stack), o.seed);
  const toxiproxy = (stack.get(FAULT_PROXY) as Toxiproxy).client;
  let cases = 0;
  let shrink = 0;
  let firstFailure: number | undefined;
  let last: { commands: Command[]; violation: Violation } | undefined;

  const property = fc.asyncProperty(caseArbitrary(Object.keys(scenario.faults), o.maxCommands, o.replayPath), async (steps) => {
    o.signal.throwIfAborted();
    const n = cases++;
    const model = new Model(`fuzz/c${n}`);
    system.newCase();
    run.events.append({ type: 'fuzz.case', case: n, step: 'start', shrink });
    try {
      await fc.asyncModelRun(() => ({ model, real: system }), steps);
      // the end of a case: heal, then look again at what was acknowledged
      for (const c of [...[...model.faults].map((fault): Command => ({ cmd: 'heal', fault })), ...openUploadChecks(model)]) {
        system.ran.push(c);
        if (applies(c, model)) await execute(c, model, system);
      }
      verify(system.caseEvents);
      run.events.append({ type: 'fuzz.case', case: n, step: 'end', shrink, outcome: 'pass', commands: system.ran.map(describeCommand) });
      o.progress(`case ${n}${shrink ? ` (shrink ${shrink})` : ''}: ${system.ran.length} commands, pass`);
    } catch (e) {
      if (!(e instanceof Violation)) throw e;
      firstFailure ??= performance.now();
      last = { commands: [...system.ran], violation: e };
      run.events.append({ type: 'fuzz.case', case: n, step: 'end', shrink, outcome: 'fail', commands: system.ran.map(describeCommand), error: e.message });
      o.progress(`case ${n}${shrink ? ` (shrink ${shrink})` : ''}: ${system.ran.length} commands, FAIL ${e.message}`);
      shrink++;
      throw e;
    } finally {
      await toxiproxy.reset();
      run.events.flush();
    }
  });

  let result: fc.RunDetails<[Iterable<fc.AsyncCommand<Model, System>>]>;
  try {
    result = await fc.check(property, { numRuns: o.runs, seed: o.seed, ...(o.path !== undefined && { path: o.path, endOnFailure: true }) });
  } finally {
    system.close();
    await tearDown(run, stack, o.signal.aborted ? 'interrupted' : 'completed');
  }
  if (o.signal.aborted) {
    run.events.close();
    throw new Interrupted();
  }
  const end = performance.now();
  const failed = result.failed && last !== undefined;
  const out: FuzzResult = {
    run,
    cases,
    failed,
    shrinks: result.numShrinks,
    seconds: { total: (end - t0) / 1000, ...(firstFailure !== undefined && { toFind: (firstFailure - t0) / 1000, toShrink: (end - firstFailure) / 1000 }) },
    ...(failed && {
      counterexample: last!.commands,
      violation: last!.violation,
      path: result.counterexamplePath ?? undefined,
      replayPath: /replayPath="([^"]*)"/.exec(String(result.counterexample?.[0]))?.[1],
    }),
  };
  if (failed) {
    run.write('failure.json', { backend: o.backend, seed: o.seed, path: out.path, replayPath: out.replayPath, faults: o.faults, maxCommands: o.maxCommands, runs: o.runs, checker: last!.violation.checker, evidence: last!.violation.evidence, commands: last!.commands });
    run.write('reproducer.json', reproducer(scenario, last!.commands, last!.violation, o.seed, out.path ?? ''));
  }
  if (result.failed && !last && result.errorInstance) throw result.errorInstance;
  // the whole run judged like a scenario's, so that analyze and replay show its findings
  const verdict = judge(scenario, readEvents(run.events.file).events);
  run.write('verdict.json', verdict);
  run.events.append({ type: 'verdict', verdict: verdict.verdict, exitCode: verdict.exitCode });
  run.events.close();
  return out;
}
