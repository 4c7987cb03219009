// Swift all-in-one (memcached, account, 3 container and 3 object servers, proxy) as the registry's storage,
// with replicas c3 and o3 behind the fault proxy: real pushes and pulls through Distribution's swift driver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage } from '../../../fixtures/image.ts';
import { OciClient } from '../../../lab/clients/oci.ts';
import type { LabEvent } from '../../../lab/core/events/schema.ts';
import { DAEMONS, FAULT_PROXY, FLUSH } from '../../../lab/products/capabilities.ts';
import { swiftStack } from '../../../lab/scenario/presets.ts';
import type { Stack } from '../../../lab/runtime/stack.ts';
import { alive } from '../../e2e/lab-cli.ts';
import { startTopology, type Started } from '../stack.ts';

describe('swift as the object store', () => {
  let started: Started;
  let stack: Stack;
  let events: LabEvent[];
  let client: OciClient;

  beforeAll(async () => {
    const { 'registry-front': _, ...topology } = swiftStack({
      'c3-link': { from: 'object-store', to: 'object-store:c3' },
      'o3-link': { from: 'object-store', to: 'object-store:o3' },
    });
    started = await startTopology(topology as Parameters<typeof startTopology>[0]);
    ({ stack, events } = started);
    client = new OciClient({ baseUrl: stack.get('registry').endpoint, timeoutMs: 60_000 });
  });

  afterAll(() => started?.[Symbol.asyncDispose]());

  it('takes a push of a multi-segment layer and gives every byte back', async () => {
    const image = generateImage('swift-1', ['small', '12MiB']);
    expect(await client.pushImage('swift/one', 'v1', image)).toBe(image.manifest.digest);
    const pulled = await client.pullImage('swift/one', 'v1');
    expect(pulled.intact).toBe(true);
    expect(
      pulled.blobs
        .map((b) => b.size)
        .sort((a, b) => a - b)
        .at(-1),
    ).toBeGreaterThan(12 << 20);
  });

  it('sends the replicas c3 and o3 through the fault proxy and logs every server', async () => {
    const servers = new Set(events.flatMap((e) => (e.type === 'access' && e.component === 'object-store' ? [e.upstream] : [])));
    expect([...servers].sort()).toEqual(['a1', 'c1', 'c2', 'c3', 'o1', 'o2', 'o3', 'proxy']);
    const proxy = await stack.capable('fault-proxy', FAULT_PROXY).client.proxy('c3-link');
    expect(proxy.upstream).toBe(`127.0.0.1:${stack.get('object-store').portOf('c3')}`);
    // segments of a 12 MiB layer at 5 MiB chunks: at least 3 objects under the blob's path in every object server
    const segments = events.filter((e) => e.type === 'access' && e.upstream === 'o3' && e.method === 'PUT' && e.status === 201);
    expect(segments.length).toBeGreaterThanOrEqual(3);
  });

  it('runs one pass of the object-updater and the container-replicator on demand', async () => {
    const swift = stack.capable('object-store', DAEMONS);
    expect(await swift.runOnce('object-updater')).toMatch(/Object update sweep/i);
    expect(await swift.runOnce('container-replicator')).toMatch(/replication|Beginning replication run/i);
  });

  it("deletes every object of the registry's container when flushed", async () => {
    const swift = stack.capable('object-store', FLUSH);
    // the image pushed above: its blobs, their segments, links and manifest
    expect(await swift.flush()).toMatch(/^([1-9]\d|\d{3,}) objects deleted$/);
    await expect(client.getManifest('swift/one', 'v1')).rejects.toThrow(/404/);
    expect(await swift.flush()).toBe('0 objects deleted');
  });

  it('stops every process it started', async () => {
    const pids = events.flatMap((e) => (e.type === 'component.starting' ? [e.pid] : []));
    // memcached, 7 servers and the proxy; redis, toxiproxy and the registry
    expect(pids.length).toBe(12);
    await stack.stop();
    expect(pids.filter(alive)).toEqual([]);
  });
});
