// A command of the CLI: its usage and help (printed by --help, which starts nothing), its options, how many
// positionals it takes, and what it runs. Unknown options and stray positionals are one-line errors that name
// the command. Options are parsed with node:util's parseArgs, strict: no dependency, and the help is ours.
import { parseArgs } from 'node:util';
import type { LabEvent } from '../core/events/schema.ts';
import { ScenarioError } from '../core/errors.ts';
import type { RunMeta } from '../core/run-files.ts';

/** What the terminal UI offers the CLI; bin/lab.js passes it in (lab/ does not import tui/). */
export interface Ui {
  replay(dir: string, plain: boolean, out: (line: string) => void): Promise<void>;
  live(meta: RunMeta, onQuit: () => void): Promise<{ event(e: LabEvent): void; finish(meta: RunMeta): Promise<void> }>;
}

type Option = { type: 'string' | 'boolean'; short?: string; default?: string | boolean; multiple?: false };
type Values<O extends Record<string, Option>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean : O[K]['default'] extends string ? string : string | undefined;
};

export interface Command<O extends Record<string, Option> = Record<string, Option>> {
  name: string;
  /** what follows `lab NAME` in the usage line */
  usage: string;
  /** one line, for `lab help` */
  summary: string;
  /** the options and what else a user should know, shown by --help */
  help: string;
  options: O;
  /** how many positionals it takes */
  positionals: { min: number; max: number };
  /** it reaps what crashed runs left itself, and reports it as its result (lab down); else the CLI reaps first */
  reapsItself?: boolean;
  run(args: { values: Values<O>; positionals: string[] }, ui: Ui): Promise<number>;
}

/** A command used wrongly: the CLI prints it as "lab NAME: what". */
export class UsageError extends ScenarioError {
  override name = 'UsageError';
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}

export const defineCommand = <const O extends Record<string, Option>>(c: Command<O>): Command => c as unknown as Command;

/** Options every command takes. */
const COMMON = { help: { type: 'boolean', short: 'h' }, verbose: { type: 'boolean' } } as const;

export function helpOf(c: Command): string {
  return `usage: lab ${c.name}${c.usage ? ` ${c.usage}` : ''}\n  ${c.summary}\n${c.help ? `\n${c.help}\n` : ''}  -h, --help     this help\n  --verbose      the lab's diagnostics on stderr as well as in the run's lab.log`;
}

export function parse(c: Command, argv: string[]): { values: Record<string, unknown>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...COMMON, ...c.options } as never });
  } catch (e) {
    throw new UsageError(c.name, `${(e as Error).message.split('\n')[0]!.replace(/\.$/, '')} (see \`lab ${c.name} --help\`)`);
  }
  const { positionals } = parsed;
  if (parsed.values.help) return { values: parsed.values, positionals };
  if (positionals.length < c.positionals.min)
    throw new UsageError(c.name, `missing ${c.usage.split(' ')[positionals.length] ?? 'an argument'} (usage: lab ${c.name} ${c.usage})`);
  if (positionals.length > c.positionals.max)
    throw new UsageError(c.name, `unexpected argument "${positionals[c.positionals.max]}" (usage: lab ${c.name} ${c.usage})`);
  return { values: parsed.values, positionals };
}

/** --seed: a given non-negative integer, or a random one. */
export function seedOf(s: string | undefined): number {
  if (s === undefined) return Math.floor(Math.random() * 2 ** 31);
  if (!/^\d+$/.test(s) || Number(s) >= 2 ** 31) throw new ScenarioError(`--seed: expected an integer from 0 to ${2 ** 31 - 1}, got "${s}"`);
  return Number(s);
}

/** A count option: an integer from min to max. */
export function count(name: string, value: string, min = 1, max = 100_000): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new ScenarioError(`--${name}: expected an integer from ${min} to ${max}, got "${value}"`);
  return Number(value);
}
