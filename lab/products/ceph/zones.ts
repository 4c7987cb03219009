// RGW multisite inside the mini-cluster: realm lab, zonegroup zg, zone za (master) and zone zb (secondary),
// one radosgw each. Both zones are defined and the period committed before any radosgw starts (adding zb to a
// running za makes za pause its frontend for 5-10 s). zb pulls metadata and data from za at the endpoint the
// period advertises for za, which can be a fault-proxy link.
import type { S3Credentials } from '../../clients/s3.ts';
import type { SyncStatus, Zone } from '../capabilities.ts';

/** The radosgw-admin calls that set the zones up, in order. */
export function zoneSetup(endpoints: Record<Zone, string>, system: S3Credentials): string[][] {
  const keys = [`--access-key=${system.accessKey}`, `--secret=${system.secretKey}`];
  return [
    ['realm', 'create', '--rgw-realm=lab', '--default'],
    ['zonegroup', 'create', '--rgw-zonegroup=zg', `--endpoints=${endpoints.za}`, '--rgw-realm=lab', '--master', '--default'],
    ['zone', 'create', '--rgw-zonegroup=zg', '--rgw-zone=za', `--endpoints=${endpoints.za}`, '--master', '--default', ...keys],
    ['user', 'create', '--uid=sync-user', '--display-name=sync user', '--system', ...keys],
    ['period', 'update', '--commit'],
    ['zone', 'create', '--rgw-zonegroup=zg', '--rgw-zone=zb', `--endpoints=${endpoints.zb}`, ...keys],
    ['period', 'update', '--commit'],
  ];
}

/** `radosgw-admin sync status --rgw-zone=zb`, read: caught up only when metadata and data both say so. */
export function syncStatus(output: string): SyncStatus {
  const behind = /data is behind on (\d+) shards/.exec(output);
  const meta = /metadata is caught up with master/.test(output) || /metadata sync no sync \(zone is master\)/.test(output);
  const data = /data is caught up with source/.test(output);
  const failed = output.split('\n').find((l) => /failed|ERROR|error/.test(l));
  return { caughtUp: meta && data, ...(behind && { behindShards: Number(behind[1]) }), ...(!meta && !data && !behind && failed && { error: failed.trim() }) };
}
