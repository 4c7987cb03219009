// `lab fuzz` on the real stack: a bounded run that must pass with no faults, and the reproducer scenario a
// fuzz run wrote when it found a PATCH acknowledged (202) for bytes the store never kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alive, eventsOf, lab, labAsync, runsDir, started } from './lab-cli.ts';

const REPRODUCER = resolve(import.meta.dirname, '..', 'fixtures', 'scenarios', 'fuzz-patch-stall.json');
// failure.json of `lab fuzz --faults timeout --seed 1764260772`: its fast-check paths replay only with the same arbitraries
const FAILED = resolve(import.meta.dirname, '..', 'fixtures', 'runs', 'fuzz-failure');

describe('lab fuzz', () => {
  it('passes a bounded run with no faults, every case and command recorded, nothing left running', async () => {
    const runs = runsDir();
    const r = await labAsync(['fuzz', '--runs', '12', '--seed', '11'], runs, 300_000);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^12 cases in [\d.]+ s \(\d+ a minute\)$/m);
    expect(r.stdout).toContain('no invariant was violated (verdict: holds)');
    const dir = join(runs, readdirSync(runs)[0]!);
    // the whole run's verdict agrees with its cases and its exit code, stored and re-judged
    expect(JSON.parse(readFileSync(join(dir, 'verdict.json'), 'utf8'))).toMatchObject({ verdict: 'holds', exitCode: 0 });
    expect((await labAsync(['analyze', dir], runs)).status).toBe(0);
    const events = eventsOf(dir);
    const ends = events.filter((e) => e.type === 'fuzz.case' && e.step === 'end');
    expect(ends).toHaveLength(12);
    expect(ends.every((e) => e.type === 'fuzz.case' && e.outcome === 'pass')).toBe(true);
    const kinds = new Set(events.flatMap((e) => (e.type === 'op.invoke' ? [e.kind] : [])));
    expect(kinds.size).toBeGreaterThanOrEqual(4);
    for (const p of started(events)) expect(alive(p.pid)).toBe(false);
  });

  it('exits 2 when a path it was required to reach was never reached (no faults: no PATCH during one)', async () => {
    const runs = runsDir();
    const r = await labAsync(['fuzz', '--runs', '3', '--seed', '11', '--require', 'patch-acked-during-fault'], runs, 300_000);
    expect(r.stdout).toMatch(/^coverage \(cases of 3\): patch-acked-during-fault 0, gc-with-upload-open \d+, read-during-fault 0, restart-during-upload \d+$/m);
    expect(r.stdout).toContain('not reached: patch-acked-during-fault (--require)');
    expect(r.status).toBe(2);
  });

  it('rejects what it cannot do with one line', () => {
    const runs = runsDir();
    expect(lab(['fuzz', '--backend', 'memcached'], runs)).toMatchObject({
      status: 2,
      stderr: 'lab: --backend memcached: expected one of ceph, minio, swift\n',
    });
    expect(lab(['fuzz', '--require', 'everything'], runs).stderr).toMatch(/^lab: --require: unknown path "everything"; known: patch-acked-during-fault, /);
    expect(lab(['fuzz', '--faults', 'earthquake'], runs).stderr).toMatch(/^lab: --faults: unknown fault "earthquake"; known: timeout, latency/);
    expect(lab(['fuzz', '--runs', '0'], runs).stderr).toBe('lab: --runs: expected an integer from 1 to 100000, got "0"\n');
    expect(lab(['fuzz', 'extra'], runs).stderr).toBe(
      'lab fuzz: unexpected argument "extra" (usage: lab fuzz [--backend ceph|minio|swift] [--runs N] [--seed S] [--faults timeout,latency,…] [--max-commands N] [--runtime native|container] [--require PATH,…])\n',
    );
    expect(lab(['rerun', REPRODUCER.replace(/\/[^/]+$/, '')], runs).status).toBe(2);
  });
});

describe('lab rerun', () => {
  it('replays the shrunk case of a failed fuzz run from its seed and paths', async () => {
    const runs = runsDir();
    const r = await labAsync(['rerun', FAILED], runs);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^fuzz: replaying path 0:4:1 of seed 1764260772, backend ceph, faults timeout/m);
    expect(r.stdout).toMatch(/^1 cases in /m);
    expect(r.stdout).toMatch(
      /^VIOLATION honest-errors: op 1 PATCH of upload 0 \(fuzz\/c0\/upload-0\) got 202 with Range 0-99; op 2 upload-status then found HTTP 404 BLOB_UPLOAD_INVALID/m,
    );
    // the fuzz run's verdict and its exit code agree
    const dir = join(runs, readdirSync(runs)[0]!);
    expect(JSON.parse(readFileSync(join(dir, 'verdict.json'), 'utf8'))).toMatchObject({ verdict: 'violated', exitCode: 1 });
    expect((await labAsync(['analyze', dir], runs)).status).toBe(1);
    expect(r.stdout).toContain(
      '  upload-start()\n  fault(fault=timeout@rgw-link)\n  upload-patch(upload=0 bytes=100)\n  heal(fault=timeout@rgw-link)\n  upload-status(upload=0)\n',
    );
  });
});

describe('a reproducer written by lab fuzz', () => {
  it('reproduces the violation with lab scenario: a 202 for bytes that were then gone', async () => {
    const runs = runsDir();
    const r = await labAsync(['scenario', REPRODUCER, '--json', '--seed', '1'], runs);
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.verdict).toBe('reproduced');
    expect(v.checks['honest-errors'].valid).toBe(false);
    expect(v.checks['honest-errors'].evidence[0]).toMatch(
      /^op 1 PATCH of upload 0 \(lab\/upload-0\) got 202 with Range 0-99; op 2 upload-status then found HTTP 404 BLOB_UPLOAD_INVALID: the acknowledged bytes were not kept$/,
    );
    const events = eventsOf(v.dir);
    const patch = events.find((e) => e.type === 'op.complete' && e.kind === 'upload-patch');
    expect(patch).toMatchObject({ outcome: 'ok', value: { end: 99 } });
    const stalled = events.filter((e) => e.type === 'access' && e.component === 's3-front' && e.status === 504 && e.flags === 'SI');
    expect(stalled.length).toBeGreaterThanOrEqual(4);
  });
});

describe('lab fuzz --backend swift', () => {
  it('finds acknowledged bytes that a replica cut lost, and its reproducer reproduces them with lab scenario', async () => {
    const runs = runsDir();
    const r = await labAsync(['fuzz', '--backend', 'swift', '--faults', 'link-down', '--runs', '100', '--seed', '1'], runs, 600_000);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^VIOLATION (durability|integrity): /m);
    const dir = join(runs, readdirSync(runs)[0]!);
    const failure = JSON.parse(readFileSync(join(dir, 'failure.json'), 'utf8'));
    expect(['durability', 'integrity']).toContain(failure.checker);
    // the shrunk case cuts one of Swift's servers, and reads back wrong bytes after the heal
    const reproducer = JSON.parse(readFileSync(join(dir, 'reproducer.json'), 'utf8'));
    expect(Object.values(reproducer.faults)).toEqual([expect.objectContaining({ kind: 'link-down', link: expect.stringMatching(/^[aco]\d-link$/) })]);
    expect(reproducer.topology['object-store']).toMatchObject({ product: 'swift', errorSuppressionS: 0 });
    const again = await labAsync(['scenario', join(dir, 'reproducer.json'), '--json'], runs);
    expect(again.status).toBe(0);
    const v = JSON.parse(again.stdout);
    expect(v.verdict).toBe('reproduced');
    expect(v.checks[failure.checker].valid).toBe(false);
    expect(v.checks[failure.checker].evidence.join('\n')).toMatch(/bytes do not match their digest|cut short/);
    for (const p of started(eventsOf(v.dir))) expect(alive(p.pid)).toBe(false);
  }, 600_000);
});
