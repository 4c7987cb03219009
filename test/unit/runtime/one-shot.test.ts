// A one-shot command of a run (runOnce): its stdout and stderr kept whole, in the order they came, in a
// numbered log of the run; a failure quotes the last line and names that log.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ComponentError } from '../../../lab/core/errors.ts';
import { numberedLog, runOnce } from '../../../lab/runtime/one-shot.ts';

const dirs: string[] = [];
const runDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lab-oneshot-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sh = (script: string, more: { timeoutMs?: number; command?: string } = {}) => ({
  component: 'registry',
  name: 'gc',
  command: more.command ?? '/bin/sh',
  args: ['-c', script],
  env: { PATH: '/usr/bin:/bin' },
  timeoutMs: more.timeoutMs ?? 10_000,
});

async function failure(p: Promise<unknown>): Promise<ComponentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ComponentError);
  return e as ComponentError;
}

describe('runOnce', () => {
  it('returns stdout and stderr as they came, the same as its log, numbered per invocation', async () => {
    const dir = runDir();
    const script = 'for i in 1 2 3; do echo out $i; sleep 0.02; echo err $i >&2; sleep 0.02; done';
    const first = await runOnce(dir, sh(script));
    expect(first.output).toBe('out 1\nerr 1\nout 2\nerr 2\nout 3\nerr 3\n');
    expect(first.log).toBe(join('logs', 'registry-gc-1.log'));
    expect(readFileSync(join(dir, first.log), 'utf8')).toBe(first.output);
    const second = await runOnce(dir, sh('echo again'));
    expect([second.log, readFileSync(join(dir, second.log), 'utf8')]).toEqual([join('logs', 'registry-gc-2.log'), 'again\n']);
  });

  it('fails naming its log, quoting the last line, with the whole output kept', async () => {
    const dir = runDir();
    const e = await failure(runOnce(dir, sh('echo marking; echo "level=info detail" >&2; echo "failed to mark: Path not found" >&2; exit 3')));
    expect(e.message).toBe("registry: sh -c failed (exit 3): failed to mark: Path not found; its whole output is in the run's logs/registry-gc-1.log");
    expect(readFileSync(join(dir, 'logs', 'registry-gc-1.log'), 'utf8')).toBe('marking\nlevel=info detail\nfailed to mark: Path not found\n');
  });

  it('succeeds with an exit code it is told means success (rsync 24: files vanished), and only with those', async () => {
    const dir = runDir();
    const partial = sh('echo copied; echo "some files vanished" >&2; exit 24');
    expect((await runOnce(dir, { ...partial, exits: [0, 24] })).stdout).toBe('copied\n');
    expect((await failure(runOnce(dir, partial))).message).toMatch(/^registry: sh -c failed \(exit 24\): some files vanished;/);
    expect((await failure(runOnce(dir, { ...sh('exit 0'), exits: [24] }))).message).toMatch(/failed \(exit 0\)/);
  });

  it('kills it at its timeout, and says so; a program that cannot start is named in its log', async () => {
    const dir = runDir();
    const slow = await failure(runOnce(dir, sh('echo started; sleep 10', { timeoutMs: 200 })));
    expect(slow.message).toBe("registry: sh -c failed (timed out after 200 ms): started; its whole output is in the run's logs/registry-gc-1.log");
    const missing = await failure(runOnce(dir, sh('true', { command: '/nonexistent/registry' })));
    expect(missing.message).toMatch(
      /^registry: registry -c failed \(cannot start\): lab: cannot start \/nonexistent\/registry: .*ENOENT.*; its whole output is in the run's logs\/registry-gc-2\.log$/,
    );
  });

  it('is killed, with what it started, when the run is interrupted', async () => {
    const dir = runDir();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const t0 = Date.now();
    const e = await failure(runOnce(dir, { ...sh('echo started; sleep 10; echo never'), signal: ac.signal }));
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(e.message).toMatch(/^registry: sh -c failed \(killed by SIGKILL\): started; /);
  });

  it('never hands one log file to two invocations', () => {
    const dir = runDir();
    const files = Array.from({ length: 5 }, () => numberedLog(dir, 'standby-gc'));
    expect(new Set(files).size).toBe(5);
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `standby-gc-${n}.log`));
  });

  it("appends a command with no name of its own to the role's commands log, under a header; stdout apart", async () => {
    const dir = runDir();
    const { name: _, ...unnamed } = sh('echo \'{"ok":1}\'; echo note >&2');
    const r = await runOnce(dir, unnamed);
    expect([r.stdout, r.stderr, r.log]).toEqual(['{"ok":1}\n', 'note\n', join('logs', 'registry-commands.log')]);
    await runOnce(dir, { ...unnamed, args: ['-c', 'echo second'] });
    const kept = readFileSync(join(dir, r.log), 'utf8');
    expect(kept).toMatch(
      /^\$ \/bin\/sh -c echo '\{"ok":1\}'; echo note >&2\n\{"ok":1\}\nnote\n\(exit 0 after \d+ ms\)\n\$ \/bin\/sh -c echo second\nsecond\n\(exit 0 after \d+ ms\)\n$/,
    );
  });
});
