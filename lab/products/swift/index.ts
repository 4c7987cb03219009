// OpenStack Swift as the object store: an all-in-one with three replicas, any of whose servers a link can
// put behind the fault proxy (its ring entry then points at the link).
import { z } from 'zod';
import { apt } from '../../provision/programs.ts';
import { DAEMONS, FLUSH, SWIFT_STORE } from '../capabilities.ts';
import { defineProduct } from '../product.ts';
import { SERVERS, Swift } from './swift.ts';

export default defineProduct({
  name: 'swift',
  about: "OpenStack Swift (Debian's 2.30): tempauth proxy, one account, three container and three object servers, memcached",
  fills: {
    'object-store': z
      .object({
        errorSuppressionS: z
          .number()
          .int()
          .min(0)
          .max(3600)
          .default(60)
          .describe(
            "how long the proxy leaves a server alone after ten errors (its error_suppression_interval; 0: never): a write meanwhile leaves that server's container listing without the object",
          ),
      })
      .strict(),
  },
  programs: {
    'swift-proxy-server': apt('swift-proxy'),
    'swift-account-server': apt('swift-account'),
    'swift-container-server': apt('swift-container'),
    'swift-object-server': apt('swift-object'),
    'swift-container-replicator': apt('swift-container'),
    'swift-object-updater': apt('swift-object'),
    memcached: apt('memcached'),
    // the Python with the swift package: it builds the rings and tells the version
    python3: apt('python3-swift'),
  },
  image: () => ({ name: 'swift', suite: 'bookworm' }),
  capabilities: () => [SWIFT_STORE, DAEMONS, FLUSH],
  servers: () => SERVERS.map(([, dev]) => dev),
  links: {
    about: (role) => `${role} → ${role}:<server> (the ring entry of one of ${SERVERS.map(([, dev]) => dev).join(' ')})`,
    wires: (l, role) => l.from === role && l.to.startsWith(`${role}:`),
  },
  build: ({ role, opts, topology }) => {
    const faulted = new Map(
      topology.links.filter((l) => l.from === role && l.to.startsWith(`${role}:`)).map((l) => [l.to.split(':')[1]!, { proxy: 'fault-proxy', link: l.name }]),
    );
    return { component: new Swift(role, faulted, opts.errorSuppressionS), dependsOn: faulted.size > 0 ? ['fault-proxy'] : [] };
  },
});
