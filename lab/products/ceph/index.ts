// Ceph RGW as the object store: a mini-cluster (one mon, one memstore OSD, radosgw) per run; with multisite,
// two zones (za, zb) with real RGW sync from za to zb, whose traffic can go through a faultable link.
import { z } from 'zod';
import { apt } from '../../provision/programs.ts';
import { MULTISITE, QUOTA, S3_STORE } from '../capabilities.ts';
import { defineProduct } from '../product.ts';
import { Ceph } from './ceph.ts';

export default defineProduct({
  name: 'ceph',
  about: "Ceph RGW (Debian's 16.2), a one-mon, one-memstore-OSD cluster with radosgw (beast); per-run S3 user and bucket",
  fills: {
    'object-store': z
      .object({
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
  capabilities: (o) => [S3_STORE, QUOTA, ...(o.multisite ? [MULTISITE] : [])],
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
