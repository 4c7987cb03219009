// The registry-front's upstream: one registry as before, or the replicas of one, balanced round-robin, with
// access lines naming the replica that answered.
import { describe, expect, it } from 'vitest';
import { nginxRegistryFront } from '../../../../fixtures/config/nginx.ts';
import { Distribution } from '../../../../lab/products/distribution/distribution.ts';
import { registryUpstream } from '../../../../lab/products/nginx/nginx.ts';
import type { PortAllocator } from '../../../../lab/runtime/ports.ts';

const base = { prefix: '/tmp/run/registry-front', port: 19500 };

describe('nginxRegistryFront', () => {
  it('renders one registry exactly as before: one server, its role as the upstream name', () => {
    const conf = nginxRegistryFront({ ...base, registry: 19501 });
    expect(conf).toContain('  upstream registry { server 127.0.0.1:19501; keepalive 16; }\n');
    expect(conf).toContain('  map $host $upstream_name { default registry; }\n');
    expect(conf).not.toContain('$upstream_addr');
    // a list of one is the same registry
    expect(nginxRegistryFront({ ...base, registry: [{ server: 'r1', port: 19501 }] })).toBe(conf);
  });

  it('balances over every replica round-robin, and names the one that answered as role:server', () => {
    const conf = nginxRegistryFront({
      ...base,
      registry: [
        { server: 'r1', port: 19501 },
        { server: 'r2', port: 19502 },
        { server: 'r3', port: 19503 },
      ],
    });
    expect(conf).toContain('  upstream registry { server 127.0.0.1:19501; server 127.0.0.1:19502; server 127.0.0.1:19503; keepalive 16; }\n');
    // round-robin is nginx's default: no other balancing directive
    expect(conf).not.toMatch(/\b(least_conn|ip_hash|hash|random)\b/);
    expect(conf).toContain(
      '  map $upstream_addr $upstream_name { "127.0.0.1:19501" registry:r1; "127.0.0.1:19502" registry:r2; "127.0.0.1:19503" registry:r3; default registry; }\n',
    );
    expect(conf).not.toContain('map $host $upstream_name');
  });

  it('names the standby after a failover', () => {
    const conf = nginxRegistryFront({
      ...base,
      name: 'standby',
      registry: [
        { server: 'r1', port: 19601 },
        { server: 'r2', port: 19602 },
      ],
    });
    expect(conf).toContain('"127.0.0.1:19602" standby:r2; default standby; }');
  });
});

describe('registryUpstream', () => {
  const ports = (): PortAllocator => {
    let next = 19501;
    return { one: async () => next++ } as unknown as PortAllocator;
  };

  it("is the registry's port with one replica, and every replica's with more", async () => {
    const one = new Distribution('registry', { version: '2.8', storage: 'filesystem', program: 'docker-registry' });
    await one.allocate(ports());
    expect(registryUpstream(one)).toBe(19501);
    const two = new Distribution('registry', { version: '2.8', storage: 'filesystem', program: 'docker-registry', replicas: 2, secret: 'per-replica' });
    await two.allocate(ports());
    expect(registryUpstream(two)).toEqual([
      { server: 'r1', port: 19501 },
      { server: 'r2', port: 19502 },
    ]);
  });
});
