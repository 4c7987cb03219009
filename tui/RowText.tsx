// One row of styled runs, drawn as a single line of text with colour codes: a frame is a few dozen nodes for
// Ink to lay out, not one per run. Colour repeats what the letters already say.
import chalk, { type ChalkInstance } from 'chalk';
import { Text } from 'ink';
import type { Row, Tone } from './view.ts';

const STYLE: Record<Tone, ChalkInstance> = {
  ok: chalk.green,
  fail: chalk.red,
  info: chalk.yellow,
  fault: chalk.magenta,
  violation: chalk.red,
  symptom: chalk.cyan,
  muted: chalk.gray,
  heading: chalk.bold,
};

export function ansi(row: Row): string {
  return row.map((r) => (r.inverse ? chalk.inverse : (s: string) => s)(r.tone ? STYLE[r.tone](r.text) : r.text)).join('');
}

export function RowText({ row }: { row: Row }) {
  return <Text wrap="truncate">{row.length === 0 ? ' ' : ansi(row)}</Text>;
}
