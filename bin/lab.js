#!/usr/bin/env node
// The `lab` command: runs the TypeScript CLI through tsx, with no build step. The terminal UI is loaded only
// by the commands that draw it, and its libraries before tsx's loader, which would slow their loading.
import { register } from 'tsx/esm/api';

const argv = process.argv.slice(2);
const draws = (argv[0] === 'replay' && !argv.includes('--plain')) || argv.includes('--tui');
if (draws && process.stdout.isTTY) {
  // a person is watching this terminal: Ink must draw every frame, even where CI is set in the environment
  process.env.CI = 'false';
  if ('CONTINUOUS_INTEGRATION' in process.env) process.env.CONTINUOUS_INTEGRATION = 'false';
  await Promise.all([import('ink'), import('react')]);
}
register();
const { main } = await import('../lab/cli/main.ts');
const tui = () => import('../tui/terminal.ts');
main(argv, {
  replay: async (...args) => (await tui()).replay(...args),
  live: async (...args) => (await tui()).live(...args),
});
