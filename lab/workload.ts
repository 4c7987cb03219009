// Runs a scenario's workload steps against the registry, in order: each step becomes commands of the fuzzer's
// kinds, run by the same executors, so a scenario and a fuzz case record the same ops. Branches of a
// `concurrently` step run at the same time against the same model.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultEffect } from '../faults/fault.ts';
import type { EventLog } from './events/log.ts';
import type { Command } from './fuzz/command.ts';
import { applies, execute } from './fuzz/executors.ts';
import { Model } from './fuzz/model.ts';
import { System } from './fuzz/system.ts';
import { Ops } from './ops.ts';
import type { Stack } from './runtime/stack.ts';
import type { PlainStep, Step } from './scenario/schema.ts';

export interface WorkloadOptions {
  stack: Stack;
  registry: string;
  events: EventLog;
  seed: number;
  faults: ReadonlyMap<string, FaultEffect>;
  signal: AbortSignal;
  bounds?: Readonly<Record<string, number>>;
}

/** The commands a step stands for, given what the model holds when the step starts. */
function commandsOf(step: PlainStep, m: Model): Command[] {
  if ('push' in step) return Array.from({ length: step.push.images }, () => ({ cmd: 'push', layers: step.push.layers, chunked: step.push.chunked }));
  if ('pull' in step) return m.images.map((_, image) => ({ cmd: 'pull', image }));
  if ('fault' in step) return [{ cmd: 'fault', fault: step.fault }];
  if ('heal' in step) return [{ cmd: 'heal', fault: step.heal }];
  if ('wait' in step) return [];
  return step.commands;
}

/** How long a wait step lasts: a `between` wait is a moment picked from the seed and the step's place. */
export function waitMs(wait: Extract<PlainStep, { wait: unknown }>['wait'], seed: number, where: string): number {
  if (typeof wait === 'number') return wait;
  const [lo, hi] = wait.between;
  const fraction = createHash('sha256').update(`${seed}:${where}`).digest().readUInt32BE(0) / 2 ** 32;
  return Math.floor(lo + fraction * (hi - lo));
}

export async function runWorkload(steps: readonly Step[], o: WorkloadOptions): Promise<void> {
  const model = new Model('lab');
  const system = new System(o.stack, new Ops(o.registry, o.events, o.signal, o.bounds), o.events, o.faults, o.seed);
  const run = async (step: PlainStep, where: string) => {
    if ('wait' in step) {
      const ms = waitMs(step.wait, o.seed, where);
      if (typeof step.wait !== 'number') o.events.append({ type: 'phase', name: `wait ${ms} ms (from the seed)` });
      await sleep(ms, undefined, { signal: o.signal });
    }
    for (const c of commandsOf(step, model)) {
      o.signal.throwIfAborted();
      if (applies(c, model)) await execute(c, model, system);
    }
  };
  try {
    for (const [i, step] of steps.entries()) {
      if ('concurrently' in step) {
        // every branch ends before the step does, even when one fails (no op outlives the run)
        const branch = async (steps: readonly PlainStep[], b: number) => {
          for (const [j, s] of steps.entries()) await run(s, `${i}.${b}.${j}`);
        };
        const ends = await Promise.allSettled(step.concurrently.map(branch));
        const failed = ends.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      } else await run(step, String(i));
      o.events.flush();
    }
  } finally {
    system.close();
  }
}
