// A topology started for an integration test, as a run starts it (real programs, provisioned if missing), in
// a temporary directory, natively or in containers; disposing of it stops every process (and container).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../faults/index.ts';
import type { LabEvent } from '../../lab/core/events/schema.ts';
import { RunDir } from '../../lab/core/run-dir.ts';
import type { Runtime } from '../../lab/core/run-files.ts';
import { buildStack, type TopologyData } from '../../lab/products/topology.ts';
import { prepare } from '../../lab/runner/launch.ts';
import type { Stack } from '../../lab/runtime/stack.ts';
import { RunState } from '../../lab/runtime/state.ts';
import { validate } from '../../lab/scenario/load.ts';
import type { TopologyInput } from '../../lab/scenario/schema.ts';

export interface Started extends AsyncDisposable {
  stack: Stack;
  dir: string;
  events: LabEvent[];
}

/** `before`: what to do with the stack built and not started (declare a fault filter …). */
export async function startTopology(topology: TopologyInput, before: (stack: Stack) => void = () => {}, runtime: Runtime = 'native'): Promise<Started> {
  const t = validate({ name: 'integration', symptom: '-', source: '-', topology, workload: [{ pull: 'all' }], expect: {} }, 'integration test')
    .topology as TopologyData;
  const run = RunDir.create('integration', mkdtempSync(join(tmpdir(), 'lab-it-')));
  const events: LabEvent[] = [];
  run.events.subscribe((e) => events.push(e));
  const stack = buildStack(t);
  before(stack);
  const { programs, launcher } = await prepare(runtime, t, run, () => {}, run.log);
  const dispose = async () => {
    await stack.stop();
    await launcher[Symbol.asyncDispose]();
    await run[Symbol.asyncDispose]();
  };
  try {
    await stack.start({
      dir: run.dir,
      events: run.events,
      state: new RunState(join(run.dir, 'state.json')),
      programs,
      launcher,
      log: run.log,
      signal: new AbortController().signal,
    });
  } catch (e) {
    await dispose();
    throw e;
  }
  return { stack, dir: run.dir, events, [Symbol.asyncDispose]: dispose };
}
