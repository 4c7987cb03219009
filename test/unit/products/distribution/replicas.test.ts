// Registry replicas: the options and their load-time rules, the replicas' ports, secrets and configs, and how
// their log lines name them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distributionConfig } from '../../../../fixtures/config/distribution.ts';
import { ScenarioError } from '../../../../lab/core/errors.ts';
import distribution from '../../../../lab/products/distribution/index.ts';
import { Distribution, replicaNames, replicasOf, secretsFor } from '../../../../lab/products/distribution/distribution.ts';
import { distributionLine } from '../../../../lab/products/distribution/log.ts';
import type { PortAllocator } from '../../../../lab/runtime/ports.ts';
import { validate } from '../../../../lab/scenario/load.ts';

const options = distribution.fills.registry;
const fs = { version: '2.8', storage: 'filesystem' } as const;

/** Ports 19501, 19502 … in order, without binding anything. */
const fakePorts = (): PortAllocator => {
  let next = 19501;
  return { one: async () => next++ } as unknown as PortAllocator;
};

function scenarioWith(topology: Record<string, unknown>, links: Record<string, unknown> = {}) {
  return { name: 'replicas', symptom: '-', source: '-', topology: { ...topology, links }, workload: [{ pull: 'all' }], expect: {} };
}

function errorOf(raw: unknown): string {
  try {
    validate(raw, 'replicas.ts');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('validate did not throw');
}

describe('the replicas options', () => {
  it('default to one replica with a shared secret: the registry as it always was', () => {
    expect(options.parse({ storage: 'filesystem' })).toMatchObject({ replicas: 1, secret: 'shared' });
    expect(distribution.servers!(options.parse({ storage: 'filesystem' }))).toEqual([]);
  });

  it('take 1 to 8 replicas, whole numbers only', () => {
    expect(options.parse({ ...fs, replicas: 8 }).replicas).toBe(8);
    for (const replicas of [0, 9, 1.5, -1]) expect(options.safeParse({ ...fs, replicas }).success).toBe(false);
    expect(options.safeParse({ ...fs, replicas: 2, secret: 'none' }).success).toBe(false);
  });

  it('refuse per-replica secrets for a single replica', () => {
    const r = options.safeParse({ ...fs, secret: 'per-replica' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['secret'], message: expect.stringContaining('replicas above 1') });
    expect(options.safeParse({ ...fs, replicas: 2, secret: 'per-replica' }).success).toBe(true);
  });

  it('name the replicas r1 … rN as servers of the role', () => {
    expect(distribution.servers!(options.parse({ ...fs, replicas: 3 }))).toEqual(['r1', 'r2', 'r3']);
    expect(replicaNames(1)).toEqual([]);
  });

  it('need a registry-front when there is more than one replica: a load-time error that says so', () => {
    const msg = errorOf(scenarioWith({ registry: { product: 'distribution', ...fs, replicas: 2 } }));
    expect(msg).toBe(
      'replicas.ts: topology.registry: more than one replica (replicas: 2; the front balances over them) needs the registry-front role, and the topology has none',
    );
    const ok = validate(scenarioWith({ 'registry-front': { product: 'nginx' }, registry: { product: 'distribution', ...fs, replicas: 2 } }), 'replicas.ts');
    expect(ok.topology.registry).toMatchObject({ replicas: 2, secret: 'shared' });
    // one replica needs no front, as before
    expect(() => validate(scenarioWith({ registry: { product: 'distribution', ...fs } }), 'replicas.ts')).not.toThrow();
  });

  it('let a link name only replicas that exist', () => {
    const topology = { 'registry-front': { product: 'nginx' }, registry: { product: 'distribution', ...fs, replicas: 2 } };
    const msg = errorOf(scenarioWith(topology, { l: { from: 'registry-front', to: 'registry:r3' } }));
    expect(msg).toContain('topology.links.l.to: distribution has no server "r3"; it has r1, r2');
    // a replica that exists is a server a link may name, but nothing wires a link to the registry (one replica or more)
    expect(errorOf(scenarioWith(topology, { l: { from: 'registry-front', to: 'registry:r2' } }))).toContain(
      'topology.links.l: the lab wires no link registry-front → registry:r2',
    );
  });
});

describe('secretsFor', () => {
  it('gives every replica the same secret, or each its own; 128 random bits each, new every run', () => {
    const shared = secretsFor(3, 'shared');
    expect(new Set(shared).size).toBe(1);
    expect(shared[0]).toMatch(/^[0-9a-f]{32}$/);
    const own = secretsFor(3, 'per-replica');
    expect(new Set(own).size).toBe(3);
    for (const s of own) expect(s).toMatch(/^[0-9a-f]{32}$/);
    expect(secretsFor(1)[0]).not.toBe(secretsFor(1)[0]);
  });
});

describe('replicasOf', () => {
  it('keeps a single replica as it was: config.yml, the process named distribution, its one port', () => {
    expect(replicasOf(join('run', 'registry'), [19501], ['s'])).toEqual([
      { process: 'distribution', port: 19501, secret: 's', file: join('run', 'registry', 'config.yml') },
    ]);
  });

  it('gives each replica its own process, port, secret and config file, on the same storage', () => {
    const dir = join('run', 'registry');
    const replicas = replicasOf(dir, [19501, 19502, 19503], ['a', 'b', 'c']);
    expect(replicas.map((r) => [r.server, r.process, r.port, r.secret, r.file])).toEqual([
      ['r1', 'r1', 19501, 'a', join(dir, 'config-r1.yml')],
      ['r2', 'r2', 19502, 'b', join(dir, 'config-r2.yml')],
      ['r3', 'r3', 19503, 'c', join(dir, 'config-r3.yml')],
    ]);
    const storage = { driver: 'filesystem', root: join(dir, 'storage') } as const;
    const configs = replicas.map((r) => distributionConfig({ version: '2.8', port: r.port, secret: r.secret, storage, redis: '127.0.0.1:19900' }));
    configs.forEach((c, i) => {
      expect(c).toContain(`addr: 127.0.0.1:${19501 + i}\n`);
      expect(c).toContain(`secret: ${'abc'[i]}\n`);
      expect(c).toContain(`rootdirectory: ${storage.root}\n`);
      expect(c).toContain('addr: 127.0.0.1:19900\n');
    });
  });
});

describe('a Distribution with replicas', () => {
  const build = async (replicas: number) => {
    const d = new Distribution('registry', { ...fs, program: 'docker-registry', replicas });
    await d.allocate(fakePorts());
    return d;
  };

  it('allocates a port per replica; r1 is its main port', async () => {
    const d = await build(3);
    expect([d.port, d.portOf('r1'), d.portOf('r2'), d.portOf('r3')]).toEqual([19501, 19501, 19502, 19503]);
    expect(d.servers).toEqual([
      { server: 'r1', port: 19501 },
      { server: 'r2', port: 19502 },
      { server: 'r3', port: 19503 },
    ]);
    expect(() => d.portOf('r4')).toThrow('distribution has no server r4');
  });

  it('is one port and no servers with one replica', async () => {
    const d = await build(1);
    expect(d.port).toBe(19501);
    expect(d.servers).toEqual([]);
    expect(() => d.portOf('r1')).toThrow('distribution has no server r1');
  });
});

describe('distributionLine of a replica', () => {
  const line = (status: number, level = 'info') =>
    `time="2026-11-22T05:57:12Z" level=${level} msg="response completed" http.request.method=PATCH http.request.uri="/v2/lab/a/blobs/uploads/u" http.response.duration=1ms http.response.status=${status}`;

  it('keeps the role as the component and names the replica as the upstream', () => {
    expect(distributionLine(line(202), 'registry', 'r2')).toEqual([
      {
        type: 'access',
        component: 'registry',
        product: 'distribution',
        method: 'PATCH',
        path: '/v2/lab/a/blobs/uploads/u',
        status: 202,
        upstream: 'r2',
        durationMs: 1,
      },
    ]);
    expect(distributionLine(line(202), 'registry')[0]).not.toHaveProperty('upstream');
  });

  it('starts its error lines with the replica', () => {
    const [, log] = distributionLine(line(500, 'error'), 'registry', 'r2');
    expect(log).toMatchObject({ type: 'component.log', component: 'registry', line: 'r2: response completed PATCH /v2/lab/a/blobs/uploads/u' });
  });
});
