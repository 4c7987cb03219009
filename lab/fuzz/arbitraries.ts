// fast-check arbitraries for the commands (each command says how it is generated, and how often), and the
// model-based command that runs one against the real system and checks the invariants after it.
import fc from 'fast-check';
import type { OpContext } from '../ops/context.ts';
import { applies, COMMANDS, describeCommand, execute } from '../ops/index.ts';
import type { Model } from '../ops/model.ts';
import { verify } from './verify.ts';

type Data = { cmd: string } & Record<string, unknown>;

/** Writes, uploads and faults are where invariants break: they come up more often than reads. `opening`: only
 * the commands that run in an empty case and leave something there (what a case begins with). */
export function commandArbitrary(faults: readonly string[], opening = false): fc.Arbitrary<Data> {
  const kinds = COMMANDS.all.flatMap((c) => {
    const f = c.fuzz?.(faults);
    const weight = opening ? (f?.opens ?? 0) : (f?.weight ?? 0);
    return f && weight > 0 ? [{ weight, arbitrary: f.arbitrary.map((fields) => ({ cmd: c.name, ...(fields as object) }) as Data) }] : [];
  });
  return fc.oneof(...kinds);
}

/** Runs one command of a case and checks the invariants after it (a Violation when one broke). */
export async function runCommand(command: Data, m: Model, ctx: OpContext): Promise<void> {
  ctx.ran.push(command);
  await execute(command, m, ctx);
  verify(ctx.caseEvents);
}

/** One command of a case, as fast-check's model-based testing runs it; `when`: what its fuzz spec adds to where
 * it applies. */
export class Step implements fc.AsyncCommand<Model, OpContext> {
  constructor(
    readonly command: Data,
    private readonly when?: (m: Model) => boolean,
  ) {}

  check(m: Readonly<Model>): boolean {
    return applies(this.command, m as Model) && (this.when?.(m as Model) ?? true);
  }

  run(m: Model, ctx: OpContext): Promise<void> {
    return runCommand(this.command, m, ctx);
  }

  toString(): string {
    return describeCommand(this.command);
  }
}

/** A case: the write it begins with (so that none is empty and what follows has something to act on), then its
 * commands; replayPath (from a counterexample) replays their shrinking with fast-check's seed and path. */
export function caseArbitrary(faults: readonly string[], maxCommands: number, replayPath?: string) {
  const when = new Map(COMMANDS.all.flatMap((c) => [[c.name, c.fuzz?.(faults)?.when] as const]));
  const step = (c: Data) => new Step(c, when.get(c.cmd));
  return fc.tuple(
    commandArbitrary(faults, true).map(step),
    fc.commands([commandArbitrary(faults).map(step)], { maxCommands, size: 'max', ...(replayPath !== undefined && { replayPath }) }),
  );
}
