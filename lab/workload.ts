// Runs a scenario's workload steps against the registry, in order: each step becomes commands of the fuzzer's
// kinds, run by the same executors, so a scenario and a fuzz case record the same ops.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultEffect } from '../faults/fault.ts';
import type { EventLog } from './events/log.ts';
import type { Command } from './fuzz/command.ts';
import { applies, execute } from './fuzz/executors.ts';
import { Model } from './fuzz/model.ts';
import { System } from './fuzz/system.ts';
import { Ops } from './ops.ts';
import type { Stack } from './runtime/stack.ts';
import type { Step } from './scenario/schema.ts';

export interface WorkloadOptions {
  stack: Stack;
  registry: string;
  events: EventLog;
  seed: number;
  faults: ReadonlyMap<string, FaultEffect>;
  signal: AbortSignal;
}

/** The commands a step stands for, given what the model holds when the step starts. */
function commandsOf(step: Step, m: Model): Command[] {
  if ('push' in step) return Array.from({ length: step.push.images }, () => ({ cmd: 'push', layers: step.push.layers, chunked: step.push.chunked }));
  if ('pull' in step) return m.images.map((_, image) => ({ cmd: 'pull', image }));
  if ('fault' in step) return [{ cmd: 'fault', fault: step.fault }];
  if ('heal' in step) return [{ cmd: 'heal', fault: step.heal }];
  if ('wait' in step) return [];
  return step.commands;
}

export async function runWorkload(steps: readonly Step[], o: WorkloadOptions): Promise<void> {
  const model = new Model('lab');
  const system = new System(o.stack, new Ops(o.registry, o.events, o.signal), o.events, o.faults, o.seed);
  try {
    for (const step of steps) {
      if ('wait' in step) await sleep(step.wait, undefined, { signal: o.signal });
      for (const c of commandsOf(step, model)) {
        o.signal.throwIfAborted();
        if (applies(c, model)) await execute(c, model, system);
      }
      o.events.flush();
    }
  } finally {
    system.close();
  }
}
