import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../lab/core/errors.ts';
import { isScenarioFile, validate } from '../../../lab/scenario/load.ts';
import coldStandby from '../../../scenarios/cold-standby-failover.ts';
import streamIdle504 from '../../../scenarios/stream-idle-504.ts';

const FILE = 'scenarios/my-scenario.ts';
const copy = (): any => structuredClone(streamIdle504);

/** The error validate throws for `raw`, checked to be a one-line ScenarioError naming the file. */
function errorOf(raw: unknown, variant?: string): string {
  try {
    validate(raw, FILE, variant);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const msg = (e as Error).message;
    expect(msg.split('\n')).toHaveLength(1);
    expect(msg.startsWith(`${FILE}: `)).toBe(true);
    return msg;
  }
  throw new Error('validate did not throw');
}

describe('scenario files', () => {
  it("are .ts and .json files, not a folder's package.json or tsconfig.json", () => {
    expect(['a.ts', 'b.json', 'package.json', 'tsconfig.json', 'notes.md', 'dir/package.json'].filter(isScenarioFile)).toEqual(['a.ts', 'b.json']);
  });
});

describe('validate', () => {
  it('accepts stream-idle-504 and fills defaults', () => {
    const s = validate(streamIdle504, FILE);
    expect(s.name).toBe('stream-idle-504');
    expect(s.topology['s3-front']?.product).toBe('envoy');
    expect(s.faults['rgw-stall']).toMatchObject({ link: 'rgw-link', toxicity: 1 });
  });

  it('accepts the nginx-front variant, whose s3-front is nginx', () => {
    const s = validate(streamIdle504, FILE, 'nginx-front');
    expect(s.topology['s3-front']?.product).toBe('nginx');
    expect(s.topology['s3-front']).toMatchObject(streamIdle504.variants!['nginx-front']!.topology!['s3-front'] as object);
    expect(validate(streamIdle504, FILE).topology['s3-front']?.product).toBe('envoy');
  });

  it('rejects an unknown top-level field', () => {
    const raw = copy();
    raw.owner = 'me';
    expect(errorOf(raw)).toBe(`${FILE}: (top level): unknown field owner`);
  });

  it('rejects a typo in a role field', () => {
    const raw = copy();
    raw.topology['s3-front'].writesvia = 'rgw-link';
    expect(errorOf(raw)).toBe(
      `${FILE}: topology.s3-front: envoy has no field writesvia; it takes idleTimeoutMs, writesVia, writeMethods, writesBelowBytes, writesMatch, readsVia, readMethods, readsMatch`,
    );
  });

  it('names the unknown field when a typo hides a required one', () => {
    const raw = copy();
    raw.topology.registry.storge = raw.topology.registry.storage;
    delete raw.topology.registry.storage;
    expect(errorOf(raw)).toBe(
      `${FILE}: topology.registry: distribution has no field storge; it takes version, storage, cache, redisHealthCheck, replicas, secret`,
    );
  });

  it('rejects a bad layer size', () => {
    const raw = copy();
    raw.workload.push({ push: { images: 1, layers: ['small', '1GB'] } });
    const i = raw.workload.length - 1;
    expect(errorOf(raw)).toMatch(new RegExp(`^scenarios/my-scenario\\.ts: workload\\[${i}\\]\\.push\\.layers\\[1\\]: .*100B`));
  });

  it('rejects a workload step naming an undefined fault', () => {
    const raw = copy();
    raw.workload.push({ heal: 'rgw-stal' });
    expect(errorOf(raw)).toMatch(new RegExp(`^scenarios/my-scenario\\.ts: workload\\[${raw.workload.length - 1}\\]: no fault "rgw-stal"; defined: `));
  });

  it('rejects a fault on an unknown link', () => {
    const raw = copy();
    raw.faults['rgw-stall'].link = 'rgw-lnk';
    expect(errorOf(raw)).toBe(`${FILE}: faults.rgw-stall.link: no link "rgw-lnk"`);
  });

  it('rejects writesVia naming an unknown link', () => {
    const raw = copy();
    raw.topology['s3-front'].writesVia = 'nowhere';
    expect(errorOf(raw)).toBe(`${FILE}: topology.s3-front.writesVia: no link "nowhere"`);
  });

  it('rejects an unknown variant', () => {
    expect(errorOf(copy(), 'haproxy-front')).toBe(`${FILE}: no variant "haproxy-front"; known: nginx-front`);
  });

  it('rejects an unknown check in expect.reproduced, naming the evidence and the checks there are', () => {
    const raw = copy();
    raw.expect.reproduced = ['push-5xx-during-fault', 'registry-on-fire'];
    expect(errorOf(raw)).toMatch(
      /^scenarios\/my-scenario\.ts: expect\.reproduced\[1\]: no evidence or check "registry-on-fire"; evidence: push-5xx-during-fault, s3-front-idle-timeout-504, object-store-silent; checks: durability, integrity, /,
    );
  });

  it('rejects evidence naming a fault that does not exist, or "during" a one-shot action', () => {
    const raw = copy();
    raw.evidence['s3-front-idle-timeout-504'].events[0].during = 'rgw-stal';
    expect(errorOf(raw)).toBe(`${FILE}: evidence.s3-front-idle-timeout-504.events[0].during: no fault "rgw-stal"; defined: rgw-stall`);
    const raw2 = copy();
    raw2.faults.gc = { kind: 'bucket-copy', bucket: 'other' };
    raw2.evidence['object-store-silent'].events.during = 'gc';
    expect(errorOf(raw2)).toMatch(/evidence\.object-store-silent\.events\.during: gc is a one-shot bucket-copy: nothing is during it; use before or after$/);
  });

  it("rejects a link no option sends traffic over, but lets a variant route around its scenario's link", () => {
    const raw = copy();
    raw.topology.links['spare-link'] = { from: 's3-front', to: 'object-store' };
    expect(errorOf(raw)).toMatch(
      /^scenarios\/my-scenario\.ts: topology\.links\.spare-link: no traffic takes link spare-link: a fault on it would do nothing; an option of the s3-front must name it/,
    );
    const routedAround = copy();
    routedAround.variants['nginx-front'].topology['s3-front'] = { product: 'nginx', idleTimeoutMs: 500 };
    expect(validate(routedAround, FILE, 'nginx-front').topology['s3-front']).toMatchObject({ product: 'nginx' });
  });

  it('rejects evidence with the name of a bundled check, and a join with nothing', () => {
    const raw = copy();
    raw.evidence.durability = raw.evidence['object-store-silent'];
    expect(errorOf(raw)).toBe(`${FILE}: evidence.durability: durability is the name of a bundled check: give the evidence its own`);
    const raw2 = copy();
    raw2.evidence['object-store-silent'].join.with = 'nothing';
    expect(errorOf(raw2)).toBe(`${FILE}: evidence.object-store-silent.join.with: no clause "nothing" beside it and no single-clause evidence of that name`);
  });

  it('rejects a typo inside a variant, naming the variant', () => {
    const raw = copy();
    raw.variants['nginx-front'].topology['s3-front'].idleTimeoutMS = 5;
    expect(errorOf(raw, 'nginx-front')).toBe(
      `${FILE}: variants.nginx-front: topology.s3-front: nginx has no field idleTimeoutMS; it takes idleTimeoutMs, writesVia, writeMethods, writesBelowBytes, writesMatch, readsVia, readMethods, readsMatch`,
    );
  });
});

describe('validate: a standby and steps that run at the same time', () => {
  const standby = (): any => structuredClone(coldStandby);

  it('accepts cold-standby-failover and its planned variant', () => {
    expect(validate(coldStandby, FILE).topology.standby).toMatchObject({ storage: 'filesystem' });
    expect(validate(coldStandby, FILE).topology['standby-sync']).toEqual({ product: 'rsync', everyMs: 3000 });
    expect(validate(coldStandby, FILE, 'planned').faults['final-sync']).toEqual({ kind: 'sync-pass' });
  });

  it('rejects a failover without a standby, naming the fault', () => {
    const raw = copy();
    raw.faults.switch = { kind: 'failover' };
    expect(errorOf(raw)).toBe(`${FILE}: faults.switch: a failover needs the standby role, and the topology has none`);
  });

  it('rejects a standby sync beside a registry that is not on the filesystem', () => {
    const raw = copy();
    raw.topology.standby = { product: 'distribution', storage: 'filesystem' };
    raw.topology['standby-sync'] = { product: 'rsync', everyMs: 1000 };
    expect(errorOf(raw)).toBe(
      `${FILE}: topology.standby-sync: the storage it copies needs the registry to have filesystem (storage in a directory of the run); distribution does not, as configured`,
    );
  });

  it('checks fault names inside concurrent branches', () => {
    const raw = standby();
    raw.workload[0].concurrently[1][1] = { fault: 'failovr' };
    expect(errorOf(raw)).toBe(`${FILE}: workload[0]: no fault "failovr"; defined: failover`);
  });

  it('rejects a single branch, and a between wait whose bounds are reversed', () => {
    const one = standby();
    one.workload[0].concurrently.pop();
    expect(errorOf(one)).toMatch(/needs at least two branches/);
    const reversed = standby();
    reversed.workload[0].concurrently[1][0] = { wait: { between: [5000, 4000] } };
    expect(errorOf(reversed)).toMatch(/the first bound must be below the second/);
  });
});

describe('validate: what the registries allow', () => {
  it('rejects a link of a shape the lab never wires, before anything starts', () => {
    for (const [from, to] of [
      ['s3-front', 's3-front'],
      ['s3-front', 'registry'],
      ['registry-front', 'registry'],
    ]) {
      const raw = copy();
      raw.topology.links['rgw-link'] = { from, to };
      expect(errorOf(raw)).toMatch(
        new RegExp(
          `: topology\\.links\\.rgw-link: the lab wires no link ${from} → ${to}: a fault on it would do nothing; links this topology can take: s3-front → object-store`,
        ),
      );
    }
    const server = copy();
    server.topology.links['rgw-link'].to = 'object-store:c9';
    expect(errorOf(server)).toBe(`${FILE}: topology.links.rgw-link.to: ceph has no server "c9"`);
  });

  it('rejects numbers out of range and attributes a toxic does not have', () => {
    const bound = copy();
    bound.bounds.push = 1e15;
    expect(errorOf(bound)).toBe(`${FILE}: bounds.push: Number must be less than or equal to 3600000`);
    const kind = copy();
    kind.bounds.pussh = 1000;
    expect(errorOf(kind)).toMatch(/: bounds\.pussh: unknown op kind "pussh"; known: push, /);
    const huge = copy();
    huge.faults['rgw-stall'].attributes.timeout = 1e308;
    expect(errorOf(huge)).toBe(`${FILE}: faults.rgw-stall.attributes.timeout: Number must be less than or equal to 3600000`);
    const typo = copy();
    typo.faults['rgw-stall'].attributes = { timout: 0 };
    expect(errorOf(typo)).toBe(`${FILE}: faults.rgw-stall.attributes: timeout has no attribute timout; it takes timeout`);
  });

  it('names an unknown step, command, fault kind or product with what is known', () => {
    const step = copy();
    step.workload.push({ pussh: {} });
    expect(errorOf(step)).toMatch(/: workload\[6\]: a step is one of push, pull, fault, heal, commands, wait, concurrently; this one has pussh$/);
    const cmd = copy();
    cmd.workload.push({ commands: [{ cmd: 'frob' }] });
    expect(errorOf(cmd)).toMatch(/: workload\[6\]\.commands\[0\]\.cmd: unknown command "frob"; known: push, push-manifest, /);
    const kind = copy();
    kind.faults.x = { kind: 'earthquake' };
    expect(errorOf(kind)).toMatch(/: faults\.x\.kind: unknown fault kind "earthquake"; known: toxic, /);
    const role = copy();
    role.topology.registry = { product: 'nginx' };
    expect(errorOf(role)).toBe(`${FILE}: topology.registry.product: nginx does not fill the registry role; distribution can`);
  });

  it('says what a fault needs that the topology lacks, and which products have it', () => {
    const raw = copy();
    raw.faults.q = { kind: 'quota', maxBytes: 10 };
    raw.topology['object-store'] = { product: 'minio' };
    expect(errorOf(raw)).toBe(
      `${FILE}: faults.q: a quota needs the object-store to have quota (a hard quota on the registry user's storage); minio does not, as configured (ceph does)`,
    );
  });

  it('rejects a heal of a one-shot action', () => {
    const raw = copy();
    raw.faults.flush = { kind: 'cache-flush' };
    raw.workload.push({ heal: 'flush' });
    expect(errorOf(raw)).toBe(`${FILE}: workload[6]: flush is a one-shot cache-flush: there is nothing to heal`);
  });

  it('checks every variant, not only the one chosen', () => {
    const raw = copy();
    raw.variants['nginx-front'].faults = { x: { kind: 'toxic', link: 'nope', toxic: 'timeout' } };
    expect(errorOf(raw)).toBe(`${FILE}: variants.nginx-front: faults.x.link: no link "nope"`);
  });
});
