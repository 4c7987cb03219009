// An op kind: what the history records of one client operation (its args at invoke, its value at completion),
// and the commands that run it. A command is what a scenario's `commands` step and a fuzz case write
// ({ cmd: 'push', layers: [...] }): it names images and uploads by their index among those made so far, runs
// against the real system through the context, and keeps the model of what the registry should hold.
import type fc from 'fast-check';
import type { z } from 'zod';
import type { OpContext } from './context.ts';
import type { Model } from './model.ts';

export { type OpKind, opKind } from './recorder.ts';

export interface Command<N extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny> {
  readonly name: N;
  readonly about: string;
  /** its fields besides `cmd` */
  readonly spec: S;
  /** whether it can run in this model (fast-check skips it otherwise; a scenario step skips it with a note) */
  applies(c: z.output<S>, m: Model): boolean;
  run(c: z.output<S>, m: Model, ctx: OpContext): Promise<void>;
  /** how the fuzzer generates it, and how often; `faults`: the names of the faults it may apply; `opens`: how
   * often a case begins with it, for a command that runs in an empty case and leaves something there (an upload
   * open, an image half or wholly pushed); `when`: the fuzzer runs it only then (besides where it applies) */
  fuzz?(faults: readonly string[]): { weight: number; arbitrary: fc.Arbitrary<z.output<S>>; opens?: number; when?(m: Model): boolean } | undefined;
}

export const command = <const N extends string, S extends z.ZodTypeAny>(c: Command<N, S>): Command<N, S> => c;
