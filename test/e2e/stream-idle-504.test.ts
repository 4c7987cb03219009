// The whole incident on the real stack, through the CLI: the verdict and the evidence chain in the events.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventOf, LabEvent } from '../../lab/core/events/schema.ts';
import { history, opsOf, type Op } from '../../lab/ops/history.ts';
import { dockerCli } from '../../lab/provision/engine.ts';
import { alive, eventsOf, lab, labAsync, runsDir, started } from './lab-cli.ts';

const isAccess = (e: LabEvent): e is EventOf<'access'> => e.type === 'access';

describe.each([
  { variant: undefined, front: 'envoy', ceph: '16', runtime: 'native' },
  { variant: 'nginx-front', front: 'nginx', ceph: '16', runtime: 'native' },
  // the same evidence in containers, on Debian forky's Ceph
  { variant: undefined, front: 'envoy', ceph: '20', runtime: 'container' },
])('lab scenario stream-idle-504 with $front as s3-front on Ceph $ceph, $runtime', ({ variant, front, ceph, runtime }) => {
  const runs = runsDir();
  let result: ReturnType<typeof lab>;
  let verdict: { verdict: string; dir: string; seed: number; exitCode: number };
  let events: LabEvent[];
  let ops: Op[];
  let applied: EventOf<'fault.applied'>;
  let healed: EventOf<'fault.healed'>;

  // not spawnSync: a run in containers can outlast the test worker's time to answer the runner
  beforeAll(async () => {
    const args = ['--seed', '5', '--json', '--runtime', runtime, '--ceph', ceph, ...(variant ? ['--variant', variant] : [])];
    result = await labAsync(['scenario', 'stream-idle-504', ...args], runs, 600_000);
    verdict = JSON.parse(result.stdout);
    events = eventsOf(verdict.dir);
    ops = history(events);
    applied = events.find((e): e is EventOf<'fault.applied'> => e.type === 'fault.applied')!;
    healed = events.find((e): e is EventOf<'fault.healed'> => e.type === 'fault.healed')!;
  });

  it('exits 0 with the verdict "reproduced"', () => {
    expect(result.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(result.status).toBe(0);
    expect(verdict).toMatchObject({ verdict: 'reproduced', exitCode: 0, seed: 5 });
  });

  it('applied a timeout toxic (timeout 0, upstream) on the RGW link after good pushes, then healed it', () => {
    expect(applied.detail).toMatchObject({ toxic: { type: 'timeout', stream: 'upstream', toxicity: 1, attributes: { timeout: 0 } } });
    expect(applied.targets).toEqual([{ component: 'fault-proxy', link: 'rgw-link' }]);
    const before = ops.filter((o) => o.kind === 'push' && o.completedAt! < applied.t);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.every((o) => o.outcome === 'ok')).toBe(true);
    expect(healed.t).toBeGreaterThan(applied.t);
  });

  it('a push during the fault ended info with a registry 500 after the S3 retries', () => {
    const during = ops.filter((o) => o.kind === 'push' && o.invokedAt > applied.t && o.invokedAt < healed.t);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({ outcome: 'info', status: 500 });
    const said = events.filter((e) => e.type === 'component.log' && e.component === 'registry' && e.t > applied.t && e.t < healed.t);
    expect(said.some((e) => e.type === 'component.log' && /status code: 504/.test(e.line))).toBe(true);
  });

  it(`the ${front} s3-front answered 504 four times for one PUT that went through the link`, () => {
    const timedOut = events.filter(isAccess).filter((e) => e.component === 's3-front' && e.status === 504);
    expect(timedOut).toHaveLength(4);
    expect(new Set(timedOut.map((e) => e.path)).size).toBe(1);
    expect(timedOut[0]!.method).toBe('PUT');
    expect(timedOut[0]!.path).toMatch(/\/_uploads\/[0-9a-f-]+\/startedat$/);
    if (front === 'envoy') expect(timedOut.every((e) => e.flags === 'SI' && e.upstream === 'link')).toBe(true);
    else expect(timedOut.every((e) => e.upstream?.startsWith('link'))).toBe(true);
  });

  it('reads went straight to RGW and kept working during the fault', () => {
    const reads = events.filter(isAccess).filter((e) => e.component === 's3-front' && e.t > applied.t && e.t < healed.t && e.method === 'GET');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.status < 500 && e.upstream?.startsWith('direct'))).toBe(true);
  });

  it('radosgw logged other requests but none for the stalled PUT', () => {
    const stalled = events.filter(isAccess).find((e) => e.component === 's3-front' && e.status === 504)!.path;
    const rgw = events.filter(isAccess).filter((e) => e.component === 'object-store');
    expect(rgw.length).toBeGreaterThan(50);
    expect(rgw.filter((e) => e.path === stalled)).toEqual([]);
  });

  it('after healing a push succeeds and every acknowledged image pulls back with matching bytes', () => {
    const after = ops.filter((o) => o.kind === 'push' && o.invokedAt > healed.t);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((o) => o.outcome === 'ok')).toBe(true);
    for (const push of opsOf(ops, 'push').filter((o) => o.outcome === 'ok')) {
      const pull = opsOf(ops, 'pull').find((o) => o.args.repo === push.args.repo);
      expect(pull).toMatchObject({ outcome: 'ok', value: { digest: push.value!.digest } });
      const blobs = pull!.value!.blobs;
      expect(blobs.length).toBeGreaterThan(1);
      expect(blobs.every((b) => b.actual === b.digest)).toBe(true);
    }
  });

  it('stopped every process it started, and records versions and seed in run.json', () => {
    const procs = started(events);
    expect(procs.length).toBeGreaterThanOrEqual(8);
    for (const p of procs) {
      expect(p.exit?.expected, `${p.component} pid ${p.pid}`).toBe(true);
      expect(alive(p.pid)).toBe(false);
    }
    const run = JSON.parse(readFileSync(join(verdict.dir, 'run.json'), 'utf8'));
    expect(run.seed).toBe(5);
    expect(Object.keys(run.versions).sort()).toEqual(
      ['ceph', 'distribution', front === 'envoy' ? 'envoy' : null, 'nginx', 'redis', 'toxiproxy'].filter(Boolean).sort(),
    );
    expect(run.versions.ceph).toMatch(new RegExp(`^${ceph}\\.2\\.`));
    expect(run.runtime).toBe(runtime);
  });

  it.runIf(runtime === 'container')('ran each role in its image, and left no container or network of the run', () => {
    const run = JSON.parse(readFileSync(join(verdict.dir, 'run.json'), 'utf8'));
    expect(run.images['object-store']).toMatch(/^registry-lab\/ceph:forky-/);
    expect(Object.keys(run.images).sort()).toEqual(['cache', 'fault-proxy', 'object-store', 'registry', 'registry-front', 's3-front']);
    const left = (what: string[]) => execFileSync(dockerCli(), [...what, '--filter', `label=registry-lab.run=${run.id}`, '-q'], { encoding: 'utf8' }).trim();
    expect(left(['ps', '-a'])).toBe('');
    expect(left(['network', 'ls'])).toBe('');
  });

  it('lab analyze gives the same verdict from the stored run', () => {
    const again = lab(['analyze', verdict.dir, '--json'], runs);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ verdict: 'reproduced', torn: null });
  });
});
