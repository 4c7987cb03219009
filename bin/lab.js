#!/usr/bin/env node
// The `lab` command: runs the TypeScript CLI through tsx, with no build step. The terminal UI is loaded only
// by the commands that draw it, and its libraries before tsx's loader, which would slow their loading.
import { register } from 'tsx/esm/api';

const argv = process.argv.slice(2);
if (argv[0] === 'replay' || argv.includes('--tui')) await Promise.all([import('ink'), import('react')]);
register();
const { main } = await import('../lab/cli.ts');
const tui = () => import('../tui/terminal.ts');
main(argv, {
  replay: async (...args) => (await tui()).replay(...args),
  live: async (...args) => (await tui()).live(...args),
});
