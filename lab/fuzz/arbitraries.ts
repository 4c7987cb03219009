// fast-check arbitraries for the commands (each command says how it is generated, and how often), and the
// model-based command that runs one against the real system and checks the invariants after it.
import fc from 'fast-check';
import type { OpContext } from '../ops/context.ts';
import { applies, COMMANDS, describeCommand, execute } from '../ops/index.ts';
import type { Model } from '../ops/model.ts';
import { verify } from './verify.ts';

type Data = { cmd: string } & Record<string, unknown>;

/** Writes, uploads and faults are where invariants break: they come up more often than reads. */
export function commandArbitrary(faults: readonly string[]): fc.Arbitrary<Data> {
  const kinds = COMMANDS.all.flatMap((c) => {
    const f = c.fuzz?.(faults);
    return f ? [{ weight: f.weight, arbitrary: f.arbitrary.map((fields) => ({ cmd: c.name, ...(fields as object) }) as Data) }] : [];
  });
  return fc.oneof(...kinds);
}

/** One command of a case, as fast-check's model-based testing runs it. */
export class Step implements fc.AsyncCommand<Model, OpContext> {
  constructor(readonly command: Data) {}

  check(m: Readonly<Model>): boolean {
    return applies(this.command, m as Model);
  }

  async run(m: Model, ctx: OpContext): Promise<void> {
    ctx.ran.push(this.command);
    await execute(this.command, m, ctx);
    verify(ctx.caseEvents);
  }

  toString(): string {
    return describeCommand(this.command);
  }
}

/** The commands of a case; replayPath (from a counterexample) replays its shrinking with fast-check's seed and path. */
export function caseArbitrary(faults: readonly string[], maxCommands: number, replayPath?: string): fc.Arbitrary<Iterable<fc.AsyncCommand<Model, OpContext>>> {
  return fc.commands([commandArbitrary(faults).map((c) => new Step(c))], { maxCommands, size: 'max', ...(replayPath !== undefined && { replayPath }) });
}
