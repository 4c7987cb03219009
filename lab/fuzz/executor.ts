// How a command runs against the real system and what it does to the model.
import type { CommandOf, Command } from './command.ts';
import type { Model } from './model.ts';
import type { System } from './system.ts';

export interface Executor<K extends Command['cmd']> {
  /** whether the command can run in this model (fast-check skips it otherwise) */
  applies(c: CommandOf<K>, m: Model): boolean;
  run(c: CommandOf<K>, m: Model, s: System): Promise<void>;
}
