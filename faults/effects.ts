// The effect for each fault a scenario defines, bound to the running stack.
import type { Ceph } from '../lab/components/ceph.ts';
import type { Distribution } from '../lab/components/distribution.ts';
import type { Nginx } from '../lab/components/nginx.ts';
import type { Redis } from '../lab/components/redis.ts';
import type { S3Store } from '../lab/components/s3-store.ts';
import type { Component } from '../lab/runtime/component.ts';
import type { Rsync } from '../lab/components/rsync.ts';
import type { Swift } from '../lab/components/swift.ts';
import type { Toxiproxy } from '../lab/components/toxiproxy.ts';
import type { Stack } from '../lab/runtime/stack.ts';
import type { Scenario } from '../lab/scenario/schema.ts';
import { FAULT_PROXY, STANDBY_SYNC } from '../lab/topology.ts';
import type { FaultEffect } from './fault.ts';
import { BucketCopyEffect } from './bucket-copy.ts';
import { BucketSwitchEffect } from './bucket-switch.ts';
import { CacheFlushEffect } from './cache-flush.ts';
import { DaemonPassEffect } from './daemon-pass.ts';
import { FailoverEffect } from './failover.ts';
import { LinkDownEffect } from './link-down.ts';
import { ProcessEffect } from './process.ts';
import { QuotaEffect } from './quota.ts';
import { ReadOnlyEffect } from './read-only.ts';
import { SyncPassEffect } from './sync-pass.ts';
import { SyncWaitEffect } from './sync-wait.ts';
import { ZoneFailoverEffect } from './zone-failover.ts';
import { planToxic, ToxicEffect } from './toxic.ts';

export function faultEffects(scenario: Scenario, stack: Stack): Map<string, FaultEffect> {
  const effects = new Map<string, FaultEffect>();
  const toxiproxy = () => (stack.get(FAULT_PROXY) as Toxiproxy).client;
  for (const [name, spec] of Object.entries(scenario.faults)) {
    if (spec.kind === 'toxic') effects.set(name, new ToxicEffect(planToxic(name, spec), toxiproxy()));
    if (spec.kind === 'link-down') effects.set(name, new LinkDownEffect(name, spec.link, toxiproxy()));
    if (spec.kind === 'daemon-pass') effects.set(name, new DaemonPassEffect(name, spec.daemon, stack.get('object-store') as Swift));
    if (spec.kind === 'read-only') effects.set(name, new ReadOnlyEffect(name, stack.get('registry') as Distribution));
    if (spec.kind === 'cache-flush') effects.set(name, new CacheFlushEffect(name, stack.get('cache') as Redis));
    if (spec.kind === 'failover') effects.set(name, new FailoverEffect(name, stack.get('registry-front') as Nginx, stack.get('registry'), stack.get(STANDBY_SYNC) as Rsync, 'standby'));
    if (spec.kind === 'sync-pass') effects.set(name, new SyncPassEffect(name, stack.get(STANDBY_SYNC) as Rsync));
    if (spec.kind === 'quota') effects.set(name, new QuotaEffect(name, spec.maxBytes, stack.get('object-store') as Ceph));
    if (spec.kind === 'bucket-switch') effects.set(name, new BucketSwitchEffect(name, spec.bucket, stack.get('registry') as Distribution, stack.get('object-store') as Component & S3Store));
    if (spec.kind === 'bucket-copy') effects.set(name, new BucketCopyEffect(name, spec.bucket, stack.get('object-store') as Component & S3Store));
    if (spec.kind === 'zone-failover') effects.set(name, new ZoneFailoverEffect(name, stack.get('registry') as Distribution, stack.get('object-store') as Ceph));
    if (spec.kind === 'sync-wait') effects.set(name, new SyncWaitEffect(name, spec.timeoutMs, stack.get('object-store') as Ceph));
    if (spec.kind === 'process') effects.set(name, new ProcessEffect(name, spec.action, stack.get(spec.role)));
  }
  return effects;
}
