// fast-check arbitraries for the commands, and the model-based command that runs one against the real system
// and checks the invariants after it.
import fc from 'fast-check';
import { describeCommand, RESTARTABLE, type Command } from './command.ts';
import { applies, execute } from './executors.ts';
import type { Model } from './model.ts';
import type { System } from './system.ts';
import { verify } from './verify.ts';

const layer = fc.constantFrom('small', '100B', '4KiB', '64KiB', '1MiB');
const index = fc.nat({ max: 7 });

/** Writes, uploads and faults are where invariants break: they come up more often than reads. */
export function commandArbitrary(faults: readonly string[]): fc.Arbitrary<Command> {
  const kinds: fc.WeightedArbitrary<Command>[] = [
    { weight: 3, arbitrary: fc.record({ cmd: fc.constant('push' as const), layers: fc.array(layer, { minLength: 1, maxLength: 3 }), chunked: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ cmd: fc.constant('pull' as const), image: index }) },
    { weight: 1, arbitrary: fc.record({ cmd: fc.constant('head' as const), image: index, layer: index }) },
    { weight: 1, arbitrary: fc.record({ cmd: fc.constant('mount' as const), image: index, layer: index }) },
    { weight: 1, arbitrary: fc.record({ cmd: fc.constant('delete' as const), image: index }) },
    { weight: 1, arbitrary: fc.constant({ cmd: 'gc' as const }) },
    { weight: 1, arbitrary: fc.record({ cmd: fc.constant('restart' as const), component: fc.constantFrom(...RESTARTABLE) }) },
    { weight: 3, arbitrary: fc.constant({ cmd: 'upload-start' as const }) },
    { weight: 3, arbitrary: fc.record({ cmd: fc.constant('upload-patch' as const), upload: index, bytes: fc.constantFrom(100, 300, 4096, 65536) }) },
    { weight: 2, arbitrary: fc.record({ cmd: fc.constant('upload-commit' as const), upload: index }) },
    { weight: 1, arbitrary: fc.record({ cmd: fc.constant('upload-status' as const), upload: index }) },
  ];
  if (faults.length > 0) {
    kinds.push({ weight: 4, arbitrary: fc.record({ cmd: fc.constant('fault' as const), fault: fc.constantFrom(...faults) }) });
    kinds.push({ weight: 2, arbitrary: fc.record({ cmd: fc.constant('heal' as const), fault: fc.constantFrom(...faults) }) });
  }
  return fc.oneof(...kinds);
}

/** One command of a case, as fast-check's model-based testing runs it. */
export class Step implements fc.AsyncCommand<Model, System> {
  constructor(readonly command: Command) {}

  check(m: Readonly<Model>): boolean {
    return applies(this.command, m as Model);
  }

  async run(m: Model, s: System): Promise<void> {
    s.ran.push(this.command);
    await execute(this.command, m, s);
    verify(s.caseEvents);
  }

  toString(): string {
    return describeCommand(this.command);
  }
}

/** The commands of a case; replayPath (from a counterexample) replays its shrinking with fast-check's seed and path. */
export function caseArbitrary(faults: readonly string[], maxCommands: number, replayPath?: string): fc.Arbitrary<Iterable<fc.AsyncCommand<Model, System>>> {
  return fc.commands([commandArbitrary(faults).map((c) => new Step(c))], { maxCommands, size: 'max', ...(replayPath !== undefined && { replayPath }) });
}
