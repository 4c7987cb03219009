// Ceph RGW as the object store: a mini-cluster (one mon, one memstore OSD, radosgw) per run; with multisite,
// two zones (za, zb) with real RGW sync from za to zb, whose traffic can go through a faultable link.
import { z } from 'zod';
import { apt } from '../../provision/programs.ts';
import { FLUSH, MULTISITE, QUOTA, S3_STORE } from '../capabilities.ts';
import { defineProduct, release } from '../product.ts';
import { Ceph } from './ceph.ts';

const VERSIONS = ['16', '18', '20'] as const;

export default defineProduct({
  name: 'ceph',
  about:
    "Ceph RGW, a one-mon, one-memstore-OSD cluster with radosgw (beast); per-run S3 user and bucket. 16.2 (Pacific) is Debian bookworm's, natively or in a container; 18.2 (Reef, trixie's) and 20.2 (Tentacle, forky's) run in containers",

  fills: {
    'object-store': z
      .object({
        version: z.enum(VERSIONS).default('16').describe('the Ceph release: 16 (Pacific), 18 (Reef) or 20 (Tentacle); 18 and 20 need --runtime container'),
        multisite: z.boolean().default(false).describe('two zones, za (where the registry writes) and zb, with RGW sync from za to zb'),
      })
      .strict(),
  },
  programs: {
    'ceph-mon': apt('ceph-mon'),
    'ceph-osd': apt('ceph-osd'),
    radosgw: apt('radosgw'),
    ceph: apt('ceph-common'),
    'ceph-authtool': apt('ceph-common'),
    'radosgw-admin': apt('ceph-common'),
    monmaptool: apt('ceph-base'),
  },
  versions: VERSIONS,
  nativeVersions: ['16'],
  // Debian's Ceph of each release: bookworm carries 16.2, trixie 18.2, forky 20.2
  image: (o) => ({ name: 'ceph', suite: ({ '16': 'bookworm', '18': 'trixie', '20': 'forky' } as const)[o.version] }),
  upstream: (v) => ({ image: `quay.io/ceph/ceph:v${release(v)}` }),
  capabilities: (o) => [S3_STORE, QUOTA, FLUSH, ...(o.multisite ? [MULTISITE] : [])],
  servers: (o) => (o.multisite ? ['za', 'zb'] : []),
  links: {
    about: (role, o) => (o.multisite ? `${role}:zb → ${role}:za (the sync traffic of zone zb)` : undefined),
    wires: (l, role) => l.from === `${role}:zb` && l.to === `${role}:za`,
  },
  build: ({ role, opts, topology }) => {
    const sync = opts.multisite ? topology.links.find((l) => l.from === `${role}:zb` && l.to === `${role}:za`) : undefined;
    const multisite = opts.multisite ? { syncVia: sync && { proxy: 'fault-proxy', link: sync.name } } : undefined;
    return { component: new Ceph(role, { multisite }), dependsOn: sync ? ['fault-proxy'] : [] };
  },
});
