// `lab suite` on real runs: a scenario, its variant and a scenario file whose expectation its own run does not
// meet; the JUnit report read by a real JUnit consumer (junit2html), the JSON report, and the exit code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locate, TOOLS } from '../../lab/provision/programs.ts';
import gcDuringPush from '../../scenarios/gc-during-push.ts';
import { lab, labAsync, runsDir } from './lab-cli.ts';

describe('lab suite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-suite-'));
  const junit = join(dir, 'junit.xml');
  const json = join(dir, 'suite.json');
  // the read-only variant's workload, expected to lose the image as the unprotected GC does: its run holds
  const expectsLoss = join(dir, 'gc-read-only-loses.json');
  let result: { status: number | null; stdout: string; stderr: string };
  let junit2html: string;

  beforeAll(async () => {
    const { variants, ...base } = gcDuringPush as unknown as { variants: Record<string, { workload: unknown }> } & Record<string, unknown>;
    writeFileSync(expectsLoss, JSON.stringify({ ...base, name: 'gc-read-only-loses', workload: variants['read-only']!.workload }));
    if (!locate('junit2html', TOOLS.junit2html!)) lab(['provision', 'junit2html'], runsDir(), 300_000);
    junit2html = locate('junit2html', TOOLS.junit2html!)!;
    result = await labAsync(
      ['suite', 'gc-during-push', expectsLoss, '--variants', '--jobs', '2', '--seed', '3', '--junit', junit, '--json', json],
      runsDir(),
      300_000,
    );
  }, 400_000);

  it('runs a testcase per scenario and variant and exits 1 when one did not meet its expectations', () => {
    expect(result.stdout).toMatch(/^suite: 3 testcases, seed 3, 2 at a time$/m);
    expect(result.stdout).toMatch(/^\[1\/3\] gc-during-push: passed \(reproduced\) in [\d.]+ s \(.+\)$/m);
    expect(result.stdout).toMatch(/^\[2\/3\] gc-during-push\/read-only: passed \(holds\) in/m);
    expect(result.stdout).toMatch(/^\[3\/3\] gc-read-only-loses: failed \(not reproduced\) in [\d.]+ s: gc-deleted-in-flight was not seen/m);
    expect(result.stdout).toMatch(/3 of 3 testcases ran in [\d.]+ s: 2 passed, 1 failed, 0 errors, 0 skipped; exit 1$/m);
    expect(result.status).toBe(1);
  });

  it('writes the outcomes as JSON, each with its run directory', () => {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ schema: 'registry-lab/suite/1', seed: 3, exitCode: 1 });
    expect(report.testcases.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      ['gc-during-push', 'passed'],
      ['gc-during-push/read-only', 'passed'],
      ['gc-read-only-loses', 'failed'],
    ]);
    for (const t of report.testcases) expect(existsSync(join(t.run, 'verdict.json'))).toBe(true);
  });

  it('writes a JUnit report that junit2html reads: the failure, and its evidence as the message', () => {
    const matrix = execFileSync(junit2html, [junit, '--summary-matrix'], { encoding: 'utf8' });
    expect(matrix).toMatch(/- default\s+\/\s+\/ Passed/);
    expect(matrix).toMatch(/- read-only\s+\/\s+\/ Passed/);
    expect(matrix).toMatch(/- default\s+f\s+f Failed/);
    expect(matrix).toMatch(/Failed\s+:\s+1/);
    expect(matrix).toMatch(/Passed\s+:\s+2/);
    const html = join(dir, 'report.html');
    execFileSync(junit2html, [junit, html]);
    expect(readFileSync(html, 'utf8')).toContain('gc-deleted-in-flight was not seen');
  });

  it('refuses a bad shard or a report it cannot write before it starts anything', () => {
    for (const [args, message] of [
      [['--all', '--shard', '3/2'], 'lab: --shard: expected I/N with 1 ≤ I ≤ N ≤ 100, got "3/2"'],
      [
        ['--all', '--junit', join(dir, 'missing', 'junit.xml')],
        `lab suite: --junit ${join(dir, 'missing', 'junit.xml')}: its directory does not exist or cannot be written`,
      ],
      [['gc-during-push', '--all'], 'lab suite: --all or scenario names, not both'],
      [[], 'lab suite: name scenarios, or --all'],
    ] as const) {
      const r = lab(['suite', ...args], runsDir());
      expect(r.stderr.trim()).toBe(message);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
