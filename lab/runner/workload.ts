// Runs a scenario's workload steps against the registry, in order: each step becomes commands, run as a fuzz
// case's commands are, so a scenario and a fuzz case record the same ops. Branches of a `concurrently` step run
// at the same time against the same model.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OpContext } from '../ops/context.ts';
import { applies, describeCommand, execute, type CommandData } from '../ops/index.ts';
import { Model } from '../ops/model.ts';
import type { PlainStep, Step } from '../scenario/schema.ts';

/** The commands a step stands for, given what the model holds when the step starts. */
function commandsOf(step: PlainStep, m: Model): CommandData[] {
  if ('push' in step)
    return Array.from(
      { length: step.push.images },
      () => ({ cmd: 'push', layers: step.push.layers, chunked: step.push.chunked ?? false, uploads: 1 }) as CommandData,
    );
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

export async function runWorkload(steps: readonly Step[], ctx: OpContext, signal: AbortSignal): Promise<void> {
  const model = new Model('lab');
  const { events, seed } = ctx;
  const run = async (step: PlainStep, where: string) => {
    if ('wait' in step) {
      const ms = waitMs(step.wait, seed, where);
      if (typeof step.wait !== 'number') events.append({ type: 'phase', name: `wait ${ms} ms (from the seed)` });
      await sleep(ms, undefined, { signal });
    }
    for (const c of commandsOf(step, model)) {
      signal.throwIfAborted();
      if (applies(c, model)) await execute(c, model, ctx);
      else events.append({ type: 'phase', name: `skipped ${describeCommand(c)}: it does not apply now` });
    }
  };
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
    events.flush();
  }
}
