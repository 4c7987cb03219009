// From a scenario's topology (data) to the components that fill its roles.
import { Ceph } from './components/ceph.ts';
import { Distribution } from './components/distribution.ts';
import { Envoy } from './components/envoy.ts';
import { Minio } from './components/minio.ts';
import { Nginx } from './components/nginx.ts';
import { Redis } from './components/redis.ts';
import { Rsync } from './components/rsync.ts';
import { Swift } from './components/swift.ts';
import { Toxiproxy } from './components/toxiproxy.ts';
import type { Member } from './runtime/stack.ts';
import { Stack } from './runtime/stack.ts';
import type { Topology } from './scenario/schema.ts';

export const FAULT_PROXY = 'fault-proxy';
export const STANDBY_SYNC = 'standby-sync';

export function buildStack(t: Topology): Stack {
  const members = new Map<string, Member>();
  const add = (role: string, component: Member['component'], dependsOn: string[]) => members.set(role, { component, dependsOn });
  const links = Object.entries(t.links).map(([name, l]) => ({ name, ...l }));

  // the fault proxy starts first and depends on nothing: it dials a link's target only when a client connects
  if (links.length > 0) add(FAULT_PROXY, new Toxiproxy(FAULT_PROXY, links), []);
  const store = t['object-store']?.product;
  if (store === 'ceph') {
    const sync = t['object-store']!.multisite ? links.find((l) => l.to === 'object-store:za') : undefined;
    const multisite = t['object-store']!.multisite ? { syncVia: sync && { proxy: FAULT_PROXY, link: sync.name } } : undefined;
    add('object-store', new Ceph('object-store', { multisite }), sync ? [FAULT_PROXY] : []);
  }
  if (store === 'minio') add('object-store', new Minio('object-store'), []);
  if (store === 'swift') {
    const faulted = new Map(links.filter((l) => l.to.startsWith('object-store:')).map((l) => [l.to.split(':')[1]!, { proxy: FAULT_PROXY, link: l.name }]));
    add('object-store', new Swift('object-store', faulted), faulted.size > 0 ? [FAULT_PROXY] : []);
  }
  if (t.cache) add('cache', new Redis('cache'), []);

  const front = t['s3-front'];
  if (front) {
    const link = front.writesVia ? { name: front.writesVia, via: FAULT_PROXY, methods: front.writeMethods, belowBytes: front.writesBelowBytes } : undefined;
    const deps = ['object-store', ...(link ? [FAULT_PROXY] : [])];
    const c =
      front.product === 'envoy'
        ? new Envoy('s3-front', { upstream: 'object-store', streamIdleTimeoutMs: front.idleTimeoutMs, link })
        : new Nginx('s3-front', { kind: 's3-front', upstream: 'object-store', idleTimeoutMs: front.idleTimeoutMs, link });
    add('s3-front', c, deps);
  }

  const r = t.registry;
  const s3Via = front ? 's3-front' : 'object-store';
  const cache = r.cache === 'redis' ? 'cache' : undefined;
  const storage = r.storage === 's3' ? [s3Via] : r.storage === 'swift' ? ['object-store'] : [];
  add('registry', new Distribution('registry', { version: r.version, storage: r.storage, s3Via, objectStore: 'object-store', cache, redisHealthCheck: r.redisHealthCheck }), [...storage, ...(cache ? [cache] : [])]);

  if (t.standby) {
    add('standby', new Distribution('standby', { storage: 'filesystem' }), []);
    add(STANDBY_SYNC, new Rsync(STANDBY_SYNC, { from: 'registry', to: 'standby', everyMs: t.standby.syncEveryMs }), ['registry', 'standby']);
  }

  if (t['registry-front']) add('registry-front', new Nginx('registry-front', { kind: 'registry-front', upstream: 'registry' }), ['registry']);
  return new Stack(members);
}

/** Where clients of the registry connect: the front when there is one. */
export function registryRole(t: Topology): string {
  return t['registry-front'] ? 'registry-front' : 'registry';
}
