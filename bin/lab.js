#!/usr/bin/env node
// The `lab` command: runs the TypeScript CLI through tsx, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../lab/cli.ts');
