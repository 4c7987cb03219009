import { describe, expect, it } from 'vitest';
import { syncStatus, zoneSetup } from '../../../../lab/products/ceph/zones.ts';

const header = `          realm 5e9d (lab)
      zonegroup 1c2a (zg)
           zone 77f1 (zb)
   current time 2026-11-22T09:31:05Z
zonegroup features enabled: resharding
`;

describe('syncStatus', () => {
  it('is caught up only when metadata and data both say so', () => {
    const out = `${header}  metadata sync syncing
                full sync: 0/64 shards
                incremental sync: 64/64 shards
                metadata is caught up with master
      data sync source: 3b0e (za)
                        syncing
                        full sync: 0/128 shards
                        incremental sync: 128/128 shards
                        data is caught up with source
`;
    expect(syncStatus(out)).toEqual({ caughtUp: true });
    expect(syncStatus(out.replace('metadata is caught up with master', 'metadata is behind on 1 shards'))).toMatchObject({ caughtUp: false });
  });

  it('counts the data shards behind', () => {
    const out = `${header}                metadata is caught up with master
      data sync source: 3b0e (za)
                        data is behind on 2 shards
                        behind shards: [31,87]
`;
    expect(syncStatus(out)).toEqual({ caughtUp: false, behindShards: 2 });
  });

  it('keeps what radosgw-admin said when it cannot reach the source', () => {
    const out = `${header}  metadata sync syncing
failed to fetch master sync status: (5) Input/output error
`;
    expect(syncStatus(out)).toEqual({ caughtUp: false, error: 'failed to fetch master sync status: (5) Input/output error' });
  });
});

describe('zoneSetup', () => {
  it('defines both zones and commits the period before any radosgw runs, advertising za where zb will reach it', () => {
    const calls = zoneSetup({ za: 'http://127.0.0.1:19900', zb: 'http://127.0.0.1:19801' }, { accessKey: 'AK', secretKey: 'SK' });
    expect(calls.map((c) => c.slice(0, 2).join(' '))).toEqual([
      'realm create',
      'zonegroup create',
      'zone create',
      'user create',
      'period update',
      'zone create',
      'period update',
    ]);
    expect(calls[2]).toEqual(expect.arrayContaining(['--rgw-zone=za', '--endpoints=http://127.0.0.1:19900', '--master']));
    expect(calls[5]).toEqual(expect.arrayContaining(['--rgw-zone=zb', '--endpoints=http://127.0.0.1:19801', '--access-key=AK']));
    expect(calls[3]).toContain('--system');
  });
});
