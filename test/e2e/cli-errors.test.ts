// Bad input: one line on stderr naming what and where, exit 2, no stack trace, nothing started.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioNames } from '../../lab/scenario/load.ts';
import { lab, runsDir } from './lab-cli.ts';

const runs = runsDir();
const scratch = mkdtempSync(join(tmpdir(), 'lab-bad-'));

function oneLineError(args: string[]): string {
  const r = lab(args, runs);
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lab[: ]/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('the lab CLI on bad input', () => {
  it('names an unknown scenario and lists the known ones', () => {
    const known = scenarioNames();
    expect(known).toEqual(expect.arrayContaining(['stream-idle-504', 's3-503-slowdown', 'cold-standby-failover']));
    expect(oneLineError(['scenario', 'no-such-incident'])).toBe(`lab: unknown scenario "no-such-incident"; known: ${known.join(', ')}`);
  });

  it('points at the field of a malformed scenario file', () => {
    const file = join(scratch, 'typo.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'typo',
        symptom: 's',
        source: 's',
        topology: { registry: { product: 'distribution', storage: 'filesystem' }, linkz: {} },
        workload: [{ pull: 'all' }],
      }),
    );
    expect(oneLineError(['scenario', file])).toMatch(/^lab: .*typo\.json: topology: unknown field linkz$/);
  });

  it('points at the position of a scenario file that is not JSON', () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{"name": "broken",');
    expect(oneLineError(['scenario', file])).toMatch(/broken\.json: not valid JSON: /);
  });

  it('says which file cannot be loaded when a TypeScript scenario does not compile', () => {
    const file = join(scratch, 'syntax.ts');
    writeFileSync(file, 'export default { name: ;\n');
    expect(oneLineError(['scenario', file])).toMatch(/syntax\.ts: cannot load: /);
  });

  it('rejects an unknown variant, a bad seed and an unknown command', () => {
    expect(oneLineError(['scenario', 'stream-idle-504', '--variant', 'nope'])).toMatch(/no variant "nope"; known: nginx-front/);
    expect(oneLineError(['scenario', 'stream-idle-504', '--seed', 'x1'])).toBe('lab: --seed: expected an integer from 0 to 2147483647, got "x1"');
    expect(oneLineError(['frobnicate'])).toBe('lab: unknown command "frobnicate" (see `lab help`)');
    expect(oneLineError(['scenario', 'stream-idle-504', '--sed', '1'])).toMatch(/^lab scenario: Unknown option '--sed'.* \(see `lab scenario --help`\)$/);
    expect(oneLineError(['analyze', 'a', 'b'])).toBe('lab analyze: unexpected argument "b" (usage: lab analyze RUN [--json])');
    expect(oneLineError(['scenario'])).toMatch(/^lab scenario: missing NAME\|FILE \(usage: lab scenario NAME\|FILE /);
    expect(oneLineError(['fuzz', '--runs', '0'])).toBe('lab: --runs: expected an integer from 1 to 100000, got "0"');
    expect(oneLineError(['fuzz', '--faults', 'earthquake'])).toMatch(/^lab: --faults: unknown fault "earthquake"; known: timeout, latency, .*link-down/);
  });

  it('prints the usage of every command on --help and starts nothing', () => {
    for (const c of ['scenario', 'matrix', 'list', 'validate', 'analyze', 'replay', 'fuzz', 'rerun', 'up', 'fault', 'down', 'provision', 'docs']) {
      const r = lab([c, '--help'], runs);
      expect([c, r.status, r.stderr]).toEqual([c, 0, '']);
      expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^usage: lab ${c}\\b`));
      expect(r.stdout).toContain('--verbose');
    }
    expect(lab(['help', 'fuzz'], runs).stdout).toMatch(/^usage: lab fuzz /);
  });

  it('says why a backend or registry choice does not apply, and rejects unknown ones', () => {
    expect(oneLineError(['scenario', 'swift-replica-down', '--registry', '3'])).toBe(
      'lab: swift-replica-down cannot run with Distribution 3: topology.registry.version: the swift driver is gone from Distribution 3: swift storage needs 2.8',
    );
    expect(oneLineError(['scenario', 'quota-exhausted', '--backend', 'minio'])).toMatch(
      /^lab: quota-exhausted cannot run with minio: faults\.quota: a quota needs the object-store to have quota .*; minio does not, as configured \(ceph does\)$/,
    );
    expect(oneLineError(['scenario', 'stream-idle-504', '--backend', 's3proxy'])).toBe('lab: --backend s3proxy: expected one of ceph, minio');
  });

  it('shows a matrix whose combinations cannot apply as such, and exits 2 having run nothing', () => {
    // a scenario on Swift keeps its own store in a matrix, unless S3 stores are asked for
    const r = lab(['matrix', 'swift-replica-down', '--backend', 'ceph,minio', '--seed', '1'], runs);
    expect(r.status).toBe(2);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| ') && l.includes('cannot apply'));
    expect(rows.map((l) => l.split(' | ')[0])).toEqual([
      '| ceph, Distribution 2.8',
      '| ceph, Distribution 3',
      '| minio, Distribution 2.8',
      '| minio, Distribution 3',
    ]);
  });

  it('says there is no stack for fault and down', () => {
    expect(oneLineError(['fault', 'apply', 'rgw-stall'])).toBe('lab: no stack is up: start one with `lab up NAME`');
    expect(oneLineError(['down'])).toBe('lab: no stack is up and nothing was left running');
  });

  it('names a run that does not exist', () => {
    expect(oneLineError(['analyze', 'no-such-run'])).toMatch(/^lab: no run "no-such-run"/);
  });

  it('started nothing for any of these', () => {
    expect(readdirSync(runs)).toEqual([]);
  });
});

describe('lab analyze on a stored run', () => {
  it('re-runs the checkers, and reports a torn last line instead of failing', () => {
    const dir = join(runs, '..', `${resolve(runs).split('/').pop()}-stored`);
    mkdirSync(dir);
    const definition = { expect: { reproduced: [], holds: ['durability'] }, bounds: {} };
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ id: 'stored', definition }));
    const ev = (seq: number, t: number, rest: object) => JSON.stringify({ seq, t, at: '2026-11-22T00:00:00Z', ...rest });
    writeFileSync(
      join(dir, 'events.ndjson'),
      [
        ev(0, 1, { type: 'op.invoke', op: 0, kind: 'push', args: { repo: 'a', tag: 'v1', digest: 'sha256:aa' } }),
        ev(1, 2, { type: 'op.complete', op: 0, kind: 'push', outcome: 'ok', value: { digest: 'sha256:aa' } }),
        ev(2, 3, { type: 'op.invoke', op: 1, kind: 'pull', args: { repo: 'a', tag: 'v1' } }),
        ev(3, 4, { type: 'op.complete', op: 1, kind: 'pull', outcome: 'fail', status: 404, error: 'MANIFEST_UNKNOWN' }),
      ].join('\n') + '\n{"seq":4,"t":5,"at":"20',
    );
    const r = lab(['analyze', dir], runs);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('4 events, torn last line 5 ignored');
    expect(r.stdout).toContain('verdict: violated (expected: holds)');
    expect(r.stdout).toContain('op 0 pushed a:v1 (sha256:aa) and got ok; op 1 pulled it: fail MANIFEST_UNKNOWN');
  });

  it('judges a run recorded before its scenario stated its evidence by the evidence of the scenario file', () => {
    const r = lab(['analyze', join('test', 'fixtures', 'runs', 'stream-idle-504')], runs);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('verdict: reproduced (expected: reproduced)');
    for (const name of ['push-5xx-during-fault', 's3-front-idle-timeout-504', 'object-store-silent']) expect(r.stdout).toContain(`✓ symptom ${name}`);
  });
});
