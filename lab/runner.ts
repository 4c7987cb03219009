// One run end to end: provision, start the topology, run the workload and faults, tear down, judge.
import { faultEffects } from '../faults/effects.ts';
import { Interrupted } from './errors.ts';
import { readEvents } from './events/log.ts';
import type { LabEvent } from './events/schema.ts';
import { provision } from './provision/provision.ts';
import { RunDir } from './run-dir.ts';
import type { Stack } from './runtime/stack.ts';
import type { Scenario } from './scenario/schema.ts';
import { buildStack, registryRole } from './topology.ts';
import { judge, type Verdict } from './verdict.ts';
import { runWorkload } from './workload.ts';

export interface RunOptions {
  scenario: Scenario;
  /** the scenario file, relative to the checkout */
  file: string;
  variant?: string;
  seed: number;
  signal: AbortSignal;
  /** install progress and other notes for a person */
  progress: (line: string) => void;
  /** every event as it is appended */
  live?: (e: LabEvent) => void;
  runsDir?: string;
}

export interface Started {
  run: RunDir;
  stack: Stack;
}

/** Provision and start the scenario's topology in a new run directory; records run.json. */
export async function bringUp(o: RunOptions, mode: 'scenario' | 'up' | 'fuzz'): Promise<Started> {
  const s = o.scenario;
  const run = RunDir.create(s.name + (o.variant ? `-${o.variant}` : ''), o.runsDir);
  const { events } = run;
  if (o.live) events.subscribe(o.live);
  events.append({ type: 'run.started', runId: run.id, scenario: s.name, variant: o.variant, seed: o.seed, mode });
  const stack = buildStack(s.topology);
  try {
    events.append({ type: 'phase', name: 'provision' });
    const { programs, installed } = await provision(stack.programs(), o.progress);
    for (const p of stack.programs()) events.append({ type: 'provision', program: p, action: installed.includes(p) ? 'installed' : 'present', via: 'lab' });
    events.append({ type: 'phase', name: 'start' });
    const versions = stack.versions(programs);
    await stack.start({ dir: run.dir, events, state: run.state, programs, signal: o.signal });
    run.write('run.json', { id: run.id, mode, scenario: s.name, variant: o.variant ?? null, file: o.file, seed: o.seed, versions: await versions, endpoints: stack.endpoints(), definition: s });
  } catch (e) {
    await tearDown(run, stack, o.signal.aborted ? 'interrupted' : `error: ${(e as Error).message}`);
    run.events.close();
    throw o.signal.aborted ? new Interrupted() : e;
  }
  return { run, stack };
}

export async function tearDown(run: RunDir, stack: Stack, outcome: string): Promise<void> {
  run.events.append({ type: 'phase', name: 'teardown' });
  await stack.stop();
  run.events.append({ type: 'run.finished', outcome });
  run.events.flush();
}

export async function runScenario(o: RunOptions): Promise<{ run: RunDir; verdict: Verdict }> {
  const { run, stack } = await bringUp(o, 'scenario');
  const { events } = run;
  let outcome = 'completed';
  try {
    events.append({ type: 'phase', name: 'workload' });
    const registry = stack.get(registryRole(o.scenario.topology)).endpoint;
    await runWorkload(o.scenario.workload, { stack, registry, events, seed: o.seed, faults: faultEffects(o.scenario, stack), signal: o.signal, bounds: o.scenario.bounds });
  } catch (e) {
    if (!o.signal.aborted) {
      outcome = `error: ${(e as Error).message}`;
      await tearDown(run, stack, outcome);
      run.events.close();
      throw e;
    }
    events.append({ type: 'phase', name: 'interrupted' });
    outcome = 'interrupted';
  }
  await tearDown(run, stack, outcome);
  // the checkers read the stored log, as `lab analyze` will later
  const verdict = judge(o.scenario, readEvents(run.events.file).events);
  run.write('verdict.json', verdict);
  events.append({ type: 'verdict', verdict: verdict.verdict, exitCode: verdict.exitCode });
  events.close();
  return { run, verdict };
}
