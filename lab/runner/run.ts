// One run end to end: provision, start the topology, run the workload and faults, tear down, judge. A started
// stack is an AsyncDisposable: leaving its scope, however that happens, is its one teardown.
import { join } from 'node:path';
import { FaultControl } from '../../faults/control.ts';
import { judge } from '../checks/verdict.ts';
import { Interrupted } from '../core/errors.ts';
import { readEvents } from '../core/events/log.ts';
import type { LabEvent } from '../core/events/schema.ts';
import { RunDir } from '../core/run-dir.ts';
import type { RunJson, Runtime, Verdict } from '../core/run-files.ts';
import { OpContext } from '../ops/context.ts';
import { Recorder } from '../ops/recorder.ts';
import { registryRole } from '../products/roles.ts';
import { buildStack, type TopologyData } from '../products/topology.ts';
import type { Launcher } from '../runtime/launcher.ts';
import type { Stack } from '../runtime/stack.ts';
import { RunState } from '../runtime/state.ts';
import type { Scenario } from '../scenario/schema.ts';
import { prepare } from './launch.ts';
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
  /** how components run (default native) */
  runtime?: Runtime;
}

export type Mode = Exclude<RunJson['mode'], 'import'>;

/** A run's directory, its event log followed live when asked. */
export function openRun(o: RunOptions, name = o.scenario.name + (o.variant ? `-${o.variant}` : '')): RunDir {
  const run = RunDir.create(name, o.runsDir);
  if (o.live) run.events.subscribe(o.live);
  return run;
}

/** The topology of a run, started: its stack, its faults and the processes it tracks. */
export class StackRun implements AsyncDisposable {
  /** how the run ended, for run.finished: "completed", "interrupted", "error: …" */
  outcome = 'completed';
  private launcher: Launcher | undefined;

  private constructor(
    readonly run: RunDir,
    readonly stack: Stack,
    readonly faults: FaultControl,
    readonly state: RunState,
  ) {}

  /** Provisions and starts the scenario's topology and records run.json; a start that fails tears down what
   * it started before it throws. */
  static async start(run: RunDir, o: RunOptions, mode: Mode): Promise<StackRun> {
    const s = o.scenario;
    const { events, log } = run;
    const runtime = o.runtime ?? 'native';
    events.append({ type: 'run.started', runId: run.id, scenario: s.name, variant: o.variant, seed: o.seed, mode });
    log.info({ scenario: s.name, variant: o.variant, seed: o.seed, mode, runtime }, 'run started');
    const topology = s.topology as TopologyData;
    const stack = buildStack(topology);
    const faults = new FaultControl(s.faults, stack, events, log);
    const started = new StackRun(run, stack, faults, new RunState(join(run.dir, 'state.json')));
    try {
      faults.prepare();
      events.append({ type: 'phase', name: 'provision' });
      const { programs, launcher, provisioned, images } = await prepare(runtime, topology, run, o.progress, log);
      started.launcher = launcher;
      for (const p of provisioned) events.append({ type: 'provision', program: p.name, action: p.installed ? 'installed' : 'present', via: p.via });
      events.append({ type: 'phase', name: 'start' });
      const versions = stack.versions(programs);
      await stack.start({ dir: run.dir, events, state: started.state, programs, launcher, log, signal: o.signal });
      const json: RunJson = {
        id: run.id,
        mode,
        runtime,
        ...(images && { images }),
        scenario: s.name,
        variant: o.variant ?? null,
        file: o.file,
        seed: o.seed,
        versions: await versions,
        endpoints: stack.endpoints(),
        products: stack.products(),
        links: s.topology.links,
        definition: s as unknown as RunJson['definition'],
      };
      run.write('run.json', json);
    } catch (e) {
      started.outcome = o.signal.aborted ? 'interrupted' : `error: ${(e as Error).message}`;
      log.error({ err: (e as Error).message }, 'start failed');
      await started[Symbol.asyncDispose]();
      throw o.signal.aborted ? new Interrupted() : e;
    }
    return started;
  }

  /** Where clients of the registry connect. */
  get registry(): string {
    return this.stack.get(registryRole(Object.fromEntries(this.stack.members))).endpoint;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.run.events.append({ type: 'phase', name: 'teardown' });
    this.run.log.info({ outcome: this.outcome }, 'teardown');
    await this.stack.stop();
    await this.launcher?.[Symbol.asyncDispose]();
    this.run.events.append({ type: 'run.finished', outcome: this.outcome });
    this.run.events.flush();
    this.run.log.info('teardown done');
  }
}

export async function runScenario(o: RunOptions): Promise<{ run: { id: string; dir: string }; verdict: Verdict }> {
  await using run = openRun(o);
  {
    await using lab = await StackRun.start(run, o, 'scenario');
    using ctx = new OpContext(lab.stack, new Recorder(lab.registry, run.events, o.signal, o.scenario.bounds), run.events, lab.faults, o.seed);
    try {
      run.events.append({ type: 'phase', name: 'workload' });
      await runWorkload(o.scenario.workload, ctx, o.signal);
    } catch (e) {
      if (!o.signal.aborted) {
        lab.outcome = `error: ${(e as Error).message}`;
        run.log.error({ err: (e as Error).message, stack: (e as Error).stack }, 'workload failed');
        throw e;
      }
      run.events.append({ type: 'phase', name: 'interrupted' });
      lab.outcome = 'interrupted';
    }
  }
  // the checks read the stored log, as `lab analyze` will later
  const verdict = judge(o.scenario, readEvents(run.events.file).events);
  run.write('verdict.json', verdict);
  run.events.append({ type: 'verdict', verdict: verdict.verdict, exitCode: verdict.exitCode });
  return { run: { id: run.id, dir: run.dir }, verdict };
}
