import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../lab/core/errors.ts';
import { BACKEND_CHOICES, cannotApply, parseChoice, REGISTRY_CHOICES, withChoice } from '../../../lab/scenario/choice.ts';
import { validate } from '../../../lab/scenario/load.ts';
import multisite from '../../../scenarios/multisite-lag-failover.ts';
import quota from '../../../scenarios/quota-exhausted.ts';
import streamIdle504 from '../../../scenarios/stream-idle-504.ts';
import swiftReplicaDown from '../../../scenarios/swift-replica-down.ts';

const loaded = (raw: unknown, shown: string) => ({ scenario: validate(raw, shown), raw, shown });
const s3 = loaded(streamIdle504, 'scenarios/stream-idle-504.ts');
const swift = loaded(swiftReplicaDown, 'scenarios/swift-replica-down.ts');

describe('stack choices', () => {
  it('are derived from the products: the S3 stores and the registry versions', () => {
    expect(BACKEND_CHOICES).toEqual(['ceph', 'minio']);
    expect(REGISTRY_CHOICES).toEqual(['2.8', '3']);
  });

  it('puts the chosen object store and registry version into the topology, leaving the rest', () => {
    const s = withChoice(s3, { backend: 'minio', registry: '3' });
    expect(s.topology['object-store']).toEqual({ product: 'minio' });
    expect(s.topology.registry).toMatchObject({ version: '3', storage: 's3', cache: 'redis' });
    expect(s.topology['s3-front']).toEqual(s3.scenario.topology['s3-front']);
    expect(withChoice(s3, {})).toEqual(s3.scenario);
  });

  it('says why a combination cannot apply, from the rules of the scenario as it would run', () => {
    expect(cannotApply(swift, { backend: 'minio' })).toBe(
      'swift-replica-down keeps its registry on swift, not on an S3 object store: --backend does not apply',
    );
    expect(cannotApply(swift, { registry: '3' })).toBe(
      'swift-replica-down cannot run with Distribution 3: topology.registry.version: the swift driver is gone from Distribution 3: swift storage needs 2.8',
    );
    expect(cannotApply(loaded(quota, 'q.ts'), { backend: 'minio' })).toBe(
      "quota-exhausted cannot run with minio: faults.quota: a quota needs the object-store to have quota (a hard quota on the registry user's storage); minio does not, as configured (ceph does)",
    );
    expect(cannotApply(loaded(multisite, 'm.ts'), { backend: 'minio' })).toBe(
      'multisite-lag-failover cannot run with minio: topology.object-store: minio has no field multisite; it takes none',
    );
    expect(cannotApply(swift, { registry: '2.8' })).toBeUndefined();
    expect(() => withChoice(swift, { registry: '3' })).toThrow(ScenarioError);
  });

  it('changes nothing when the choice is what the scenario has, and sets the Ceph release, refused natively when not 16', () => {
    const onCeph = loaded({ ...streamIdle504, topology: { ...streamIdle504.topology, 'object-store': { product: 'ceph' } } }, 'x.ts');
    expect(withChoice(onCeph, { backend: 'ceph', registry: '2.8', ceph: '16' })).toBe(onCeph.scenario);
    expect(withChoice(onCeph, { ceph: '20', runtime: 'container' }).topology['object-store']).toEqual({ product: 'ceph', version: '20', multisite: false });
    expect(cannotApply(onCeph, { ceph: '18' })).toBe('stream-idle-504: ceph 18 runs in containers only (natively: 16): run it with --runtime container');
    expect(cannotApply(onCeph, { backend: 'minio', ceph: '18', runtime: 'container' })).toBe(
      'stream-idle-504 runs on minio, not on Ceph: --ceph does not apply',
    );
  });

  it('rejects unknown choices in one line', () => {
    expect(() => parseChoice({ backend: 's3proxy' })).toThrow('--backend s3proxy: expected one of ceph, minio');
    expect(() => parseChoice({ registry: '2.7' })).toThrow('--registry 2.7: expected one of 2.8, 3');
    expect(parseChoice({ backend: 'ceph', registry: '3' })).toEqual({ backend: 'ceph', registry: '3' });
    expect(() => parseChoice({ ceph: '17' })).toThrow('--ceph 17: expected one of 16, 18, 20');
    expect(() => parseChoice({ runtime: 'vm' })).toThrow('--runtime vm: expected one of native, container');
  });
});
