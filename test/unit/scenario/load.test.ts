import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../lab/errors.ts';
import { validate } from '../../../lab/scenario/load.ts';
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
    expect(errorOf(raw)).toBe(`${FILE}: topology.s3-front: unknown field writesvia`);
  });

  it('names the unknown field when a typo hides a required one', () => {
    const raw = copy();
    raw.topology.registry.storge = raw.topology.registry.storage;
    delete raw.topology.registry.storage;
    expect(errorOf(raw)).toBe(`${FILE}: topology.registry: unknown field storge`);
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

  it('rejects an unknown symptom in expect.reproduced', () => {
    const raw = copy();
    raw.expect.reproduced = ['push-5xx-during-fault', 'registry-on-fire'];
    expect(errorOf(raw)).toMatch(/^scenarios\/my-scenario\.ts: expect\.reproduced\[1\]: .*'registry-on-fire'/);
  });

  it('rejects a typo inside a variant, naming the variant', () => {
    const raw = copy();
    raw.variants['nginx-front'].topology['s3-front'].idleTimeoutMS = 5;
    expect(errorOf(raw, 'nginx-front')).toBe(`${FILE}: variants.nginx-front: topology.s3-front: unknown field idleTimeoutMS`);
  });
});

describe('validate: a standby and steps that run at the same time', () => {
  const standby = (): any => structuredClone(coldStandby);

  it('accepts cold-standby-failover and its planned variant', () => {
    expect(validate(coldStandby, FILE).topology.standby).toMatchObject({ storage: 'filesystem', syncEveryMs: 3000 });
    expect(validate(coldStandby, FILE, 'planned').faults['final-sync']).toEqual({ kind: 'sync-pass' });
  });

  it('rejects a failover without a standby, naming the fault', () => {
    const raw = copy();
    raw.faults.switch = { kind: 'failover' };
    expect(errorOf(raw)).toBe(`${FILE}: faults.switch: a failover needs a standby registry`);
  });

  it('rejects a standby beside a registry that is not on the filesystem', () => {
    const raw = copy();
    raw.topology.standby = { product: 'distribution', storage: 'filesystem', syncEveryMs: 1000 };
    expect(errorOf(raw)).toMatch(/: topology\.standby: rsync copies a filesystem registry/);
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
