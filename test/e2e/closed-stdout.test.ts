// `lab scenario … | head -2`: the reader goes away after two lines; the run goes on to its teardown and
// verdict, and the lab exits with the verdict's code, no stack trace.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { alive, eventsOf, runsDir, started } from './lab-cli.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

it('a closed stdout never crashes a run or skips its teardown', async () => {
  const runs = runsDir();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'lab.js'), 'scenario', 'gc-during-push', '--seed', '3'], {
    cwd: ROOT,
    env: { ...process.env, LAB_RUNS: runs },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let lines = 0;
  // as `head -2` does: read two lines, then close the pipe
  child.stdout.on('data', (d: Buffer) => {
    lines += d.toString().split('\n').length - 1;
    if (lines >= 2) child.stdout.destroy();
  });
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  expect(code).toBe(0);
  const events = eventsOf(join(runs, readdirSync(runs)[0]!));
  expect(events.findLast((e) => e.type === 'run.finished')).toMatchObject({ outcome: 'completed' });
  expect(events.at(-1)).toMatchObject({ type: 'verdict', verdict: 'reproduced', exitCode: 0 });
  for (const p of started(events)) expect(alive(p.pid), `${p.component} pid ${p.pid}`).toBe(false);
});
