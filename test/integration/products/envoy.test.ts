// envoy's HTTP fault filters on the real program: declared before start, switched through its admin runtime,
// answering a share of matching requests with an S3 SlowDown that the object store never sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_FAULTS } from '../../../lab/products/capabilities.ts';
import { startTopology, type Started } from '../stack.ts';

describe('envoy HTTP faults', () => {
  let started: Started;
  const front = () => started.stack.capable('s3-front', HTTP_FAULTS);

  beforeAll(async () => {
    started = await startTopology(
      { registry: { product: 'distribution', storage: 's3' }, 's3-front': { product: 'envoy', idleTimeoutMs: 2000 }, 'object-store': { product: 'minio' } },
      (stack) => stack.capable('s3-front', HTTP_FAULTS).addHttpFault('slow', { methods: ['PUT'], pathPrefix: '/registry/' }),
    );
  });

  afterAll(() => started?.[Symbol.asyncDispose]());

  /** n unsigned requests through envoy: the store refuses them (403), an injected abort answers 503 first */
  async function send(method: string, path: string, n = 40): Promise<{ statuses: number[]; bodies: string[] }> {
    const statuses: number[] = [];
    const bodies: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${started.stack.get('s3-front').endpoint}${path}${i}`, { method, body: method === 'PUT' ? 'x' : undefined });
      statuses.push(res.status);
      bodies.push(await res.text());
    }
    return { statuses, bodies };
  }

  it('does nothing until set; then aborts about the share asked of matching requests with an S3 SlowDown', async () => {
    expect((await send('PUT', '/registry/a')).statuses.filter((s) => s === 503)).toHaveLength(0);
    expect(await front().setHttpFault('slow', { abort: { status: 503, percent: 50 } })).toEqual({
      abort_percent: 50,
      http_status: 503,
      delay_percent: 0,
      delay_ms: 1,
    });
    const puts = await send('PUT', '/registry/b');
    const aborted = puts.statuses.filter((s) => s === 503).length;
    expect(aborted).toBeGreaterThan(5);
    expect(aborted).toBeLessThan(35);
    expect(puts.bodies[puts.statuses.indexOf(503)]).toContain('<Code>SlowDown</Code>');
    expect(puts.statuses.filter((s) => s !== 503).every((s) => s === 403)).toBe(true);
  });

  it('leaves other methods and paths alone, and stops once healed', async () => {
    expect((await send('GET', '/registry/c')).statuses.filter((s) => s === 503)).toHaveLength(0);
    expect((await send('PUT', '/other/d')).statuses.filter((s) => s === 503)).toHaveLength(0);
    await front().setHttpFault('slow', {});
    expect((await send('PUT', '/registry/e')).statuses.filter((s) => s === 503)).toHaveLength(0);
  });

  it('logs each injected abort with flag FI, and the object store none of them', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const injected = started.events.filter((e) => e.type === 'access' && e.component === 's3-front' && e.status === 503);
    expect(injected.length).toBeGreaterThan(5);
    expect(injected.every((e) => e.type === 'access' && e.flags === 'FI')).toBe(true);
    const seen = new Set(started.events.flatMap((e) => (e.type === 'access' && e.component === 'object-store' ? [e.path] : [])));
    expect(injected.filter((e) => e.type === 'access' && seen.has(e.path))).toEqual([]);
  });
});
