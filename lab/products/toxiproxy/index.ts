// Toxiproxy (Shopify), the fault proxy: one TCP proxy per faultable link of the topology.
import { z } from 'zod';
import { goModule } from '../../provision/programs.ts';
import { FAULT_PROXY } from '../capabilities.ts';
import { defineProduct, release } from '../product.ts';
import { Toxiproxy } from './toxiproxy.ts';

const server = goModule('github.com/Shopify/toxiproxy/v2/cmd/server', 'v2.12.0', 'server');

export default defineProduct({
  name: 'toxiproxy',
  about: 'Toxiproxy 2.12, a TCP proxy with toxics (latency, timeouts, resets …), one proxy per faultable link',
  fills: { 'fault-proxy': z.object({}).strict() },
  programs: { toxiproxy: server },
  image: () => ({ name: 'toxiproxy', suite: 'bookworm' }),
  upstream: (v) => ({ image: `ghcr.io/shopify/toxiproxy:${release(v)}`, programs: { toxiproxy: '/toxiproxy' } }),
  capabilities: () => [FAULT_PROXY],
  build: ({ role, topology }) => ({ component: new Toxiproxy(role, topology.links, server.version), dependsOn: [] }),
});
