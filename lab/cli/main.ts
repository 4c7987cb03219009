// The `lab` command: one command per file; errors become one line on stderr and an exit code (2 for bad
// input and errors); verdicts exit 0 (as expected) or 1.
import { LabError } from '../core/errors.ts';
import { setVerbose } from '../core/lab-log.ts';
import analyze from './analyze.ts';
import compare from './compare.ts';
import { helpOf, parse, UsageError, type Command, type Ui } from './command.ts';
import docs from './docs.ts';
import down from './down.ts';
import exportRun from './export.ts';
import fault from './fault.ts';
import fuzz from './fuzz.ts';
import importLogs from './import.ts';
import { reapBefore } from './interrupts.ts';
import list from './list.ts';
import matrix from './matrix.ts';
import { err, out } from './output.ts';
import provision from './provision.ts';
import replay from './replay.ts';
import rerun from './rerun.ts';
import scenario from './scenario.ts';
import suite from './suite.ts';
import up from './up.ts';
import validate from './validate.ts';

export type { Ui } from './command.ts';

const COMMANDS: readonly Command[] = [
  scenario,
  matrix,
  suite,
  list,
  validate,
  analyze,
  replay,
  exportRun,
  importLogs,
  compare,
  fuzz,
  rerun,
  up,
  fault,
  down,
  provision,
  docs,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return ['usage: lab <command> [options]   (lab <command> --help for its own)', ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

async function dispatch(argv: string[], ui: Ui): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const about = name === 'help' && rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    out(about ? helpOf(about) : usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new LabError(`unknown command "${name}" (see \`lab help\`)`);
  const args = parse(command, rest);
  if (args.values.help) {
    out(helpOf(command));
    return 0;
  }
  setVerbose(Boolean(args.values.verbose));
  // whatever command comes next reaps what a lab process killed outright left running
  if (!command.reapsItself) reapBefore();
  return command.run(args as never, ui);
}

/** Runs one command and exits: errors are one line on stderr. */
export function main(argv: string[], ui: Ui): void {
  dispatch(argv, ui).then(
    (code) => process.exit(code),
    (e: unknown) => {
      const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      err(e instanceof UsageError ? `lab ${e.command}: ${message}` : `lab: ${message}`);
      if (process.env.LAB_DEBUG) err((e as Error).stack ?? '');
      process.exit(e instanceof LabError ? e.exitCode : 2);
    },
  );
}
