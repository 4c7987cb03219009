// What a product can do beyond running: each capability is a typed handle. A product declares the ones it has;
// faults, ops and other products ask the stack for a role's component as a capability (`stack.capable(role,
// S3_STORE)`), which fails with a clear error when the product filling the role does not declare it.
import type { S3Credentials } from '../clients/s3.ts';
import type { ToxiproxyClient } from '../clients/toxiproxy.ts';
import { capability } from '../runtime/capability.ts';

export interface S3Store {
  readonly endpoint: string;
  readonly credentials: S3Credentials;
  readonly bucket: string;
}

export interface SwiftStore {
  readonly authUrl: string;
  readonly user: string;
  readonly key: string;
  readonly container: string;
}

export type Zone = 'za' | 'zb';

export interface SyncStatus {
  caughtUp: boolean;
  /** data shards behind the source, when radosgw-admin says */
  behindShards?: number;
  /** what it said instead of a status (the source unreachable …) */
  error?: string;
}

export type Daemon = 'object-updater' | 'container-replicator';

/** Which requests an HTTP fault may act on. */
export interface HttpMatch {
  methods?: string[];
  /** requests whose path starts with it */
  pathPrefix?: string;
}

/** What an HTTP fault does to the share of matching requests it picks (percent 0: nothing). */
export interface HttpFaultSetting {
  abort?: { status: number; percent: number };
  delay?: { ms: number; percent: number };
}

export const S3_STORE = capability<S3Store>('s3-store', 'an S3 API with per-run keys and a bucket for the registry');
export const SWIFT_STORE = capability<SwiftStore>('swift-store', 'a Swift API with tempauth and a container for the registry');
export const QUOTA = capability<{ setQuota(maxBytes: number | null): Promise<string> }>('quota', "a hard quota on the registry user's storage");
export const MULTISITE = capability<{
  zoneEndpoint(zone: Zone): string;
  syncStatus(): Promise<SyncStatus>;
  missingOnZb(): Promise<string[]>;
}>('multisite', 'two zones, za and zb, with real replication from za to zb');
export const DAEMONS = capability<{ runOnce(daemon: Daemon): Promise<string> }>('daemons', 'background daemons that can be run for one pass');
export const READ_ONLY = capability<{ setReadOnly(on: boolean): Promise<void> }>('read-only', 'a maintenance read-only mode');
export const RETARGET = capability<{ retarget(target: { bucket?: string; endpoint?: string }): Promise<void> }>(
  'retarget',
  'a restart on another bucket or S3 endpoint',
);
export const GARBAGE_COLLECT = capability<{ garbageCollect(dryRun: boolean): Promise<string> }>('garbage-collect', 'a garbage collector of its storage');
export const FILESYSTEM = capability<{ readonly root: string }>('filesystem', 'storage in a directory of the run');
export const REDIS = capability<{ readonly port: number; readonly endpoint: string }>('redis-protocol', 'the Redis protocol on a port');
export const FLUSH = capability<{ flush(): Promise<string> }>('flush', 'everything it holds forgotten at once');
export const UPSTREAM_SWITCH = capability<{ readonly upstream: string; switchTo(role: string): Promise<void> }>(
  'upstream-switch',
  'pointed at another upstream role',
);
export const SYNC_JOB = capability<{ readonly lastCompleted: number; passNow(): Promise<void>; stop(): Promise<void> }>(
  'sync-job',
  'periodic sync passes, one of them on demand',
);
export const HTTP_FAULTS = capability<{
  addHttpFault(name: string, match: HttpMatch): void;
  setHttpFault(name: string, s: HttpFaultSetting): Promise<Record<string, unknown>>;
}>('http-faults', 'HTTP faults (an abort with a status, or a delay) for a share of matching requests, declared before start and switched at run time');
export const FAULT_PROXY = capability<{ readonly client: ToxiproxyClient; linkPort(link: string): number }>('fault-proxy', 'one TCP proxy per faultable link');
