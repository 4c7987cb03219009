import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../lab/errors.ts';
import { validate } from '../../../lab/scenario/load.ts';
import { cannotApply, parseChoice, withChoice } from '../../../lab/scenario/options.ts';
import streamIdle504 from '../../../scenarios/stream-idle-504.ts';
import swiftReplicaDown from '../../../scenarios/swift-replica-down.ts';

const s3 = validate(streamIdle504, 'scenarios/stream-idle-504.ts');
const swift = validate(swiftReplicaDown, 'scenarios/swift-replica-down.ts');

describe('stack choices', () => {
  it('puts the chosen object store and registry version into the topology, leaving the rest', () => {
    const s = withChoice(s3, { backend: 'minio', registry: '3' });
    expect(s.topology['object-store']).toEqual({ product: 'minio', multisite: false });
    expect(s.topology.registry).toMatchObject({ version: '3', storage: 's3', cache: 'redis' });
    expect(s.topology['s3-front']).toEqual(s3.topology['s3-front']);
    expect(withChoice(s3, {})).toEqual(s3);
  });

  it('says why a combination cannot apply', () => {
    expect(cannotApply(swift, { backend: 'minio' })).toBe('swift-replica-down keeps its registry on swift, not on an S3 object store: --backend does not apply');
    expect(cannotApply(swift, { registry: '3' })).toBe('swift-replica-down needs the swift storage driver, which Distribution 3 no longer has');
    expect(cannotApply(swift, { registry: '2.8' })).toBeUndefined();
    expect(() => withChoice(swift, { registry: '3' })).toThrow(ScenarioError);
  });

  it('rejects unknown choices in one line', () => {
    expect(() => parseChoice('s3proxy', undefined)).toThrow('--backend s3proxy: expected one of ceph, minio');
    expect(() => parseChoice(undefined, '2.7')).toThrow('--registry 2.7: expected one of 2.8, 3');
    expect(parseChoice('ceph', '3')).toEqual({ backend: 'ceph', registry: '3' });
  });
});
