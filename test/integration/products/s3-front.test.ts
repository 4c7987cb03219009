// The s3-front (real envoy, then real nginx) before a real MinIO, with reads matched by query through one
// faultable link and writes through another: a timeout toxic on the reads' link stalls the S3 listings
// (ListObjectsV2, as Distribution makes them) into a 504, while a GET and a HEAD of an object, which go direct,
// answer 200 at the same time, and writes through their own link land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bucket, getObject, hasObject, listKeys, putObject } from '../../../lab/clients/s3.ts';
import type { EventOf } from '../../../lab/core/events/schema.ts';
import { FAULT_PROXY, S3_STORE } from '../../../lab/products/capabilities.ts';
import { startTopology, type Started } from '../stack.ts';

const IDLE_MS = 1000;

describe.each(['envoy', 'nginx'])('%s as the s3-front, listings through a link', (product) => {
  let started: Started;
  let bucket: Bucket;
  const body = new TextEncoder().encode('read me directly');
  const proxy = () => started.stack.capable('fault-proxy', FAULT_PROXY).client;
  /** the s3-front's access events since `from` (an index into the events) */
  const access = (from: number) => started.events.slice(from).filter((e): e is EventOf<'access'> => e.type === 'access' && e.component === 's3-front');

  beforeAll(async () => {
    started = await startTopology({
      registry: { product: 'distribution', storage: 's3' },
      's3-front': {
        product,
        idleTimeoutMs: IDLE_MS,
        writesVia: 'put-link',
        readsVia: 'list-link',
        readsMatch: { query: '(^|&)(list-type=2|prefix=)' },
      },
      'object-store': { product: 'minio' },
      links: { 'list-link': { from: 's3-front', to: 'object-store' }, 'put-link': { from: 's3-front', to: 'object-store' } },
    } as Parameters<typeof startTopology>[0]);
    const store = started.stack.capable('object-store', S3_STORE);
    bucket = { endpoint: started.stack.get('s3-front').endpoint, credentials: store.credentials, name: store.bucket };
    await putObject(bucket, 'probe/a.txt', body);
  });

  afterAll(() => started?.[Symbol.asyncDispose]());

  /** access events come from the front's log as it writes it: wait (up to 5 s) for a line of each request named
   * by method and path; lines of earlier requests may come too */
  async function accessLines(from: number, ...wanted: [string, RegExp][]): Promise<EventOf<'access'>[]> {
    const all = () => wanted.every(([m, p]) => access(from).some((e) => e.method === m && p.test(e.path)));
    for (let i = 0; i < 50 && !all(); i++) await new Promise((r) => setTimeout(r, 100));
    return access(from);
  }

  const LISTING = /[?&]list-type=2/;
  const A = /\/probe\/a\.txt/;

  it('without a fault, sends the listing through the reads link, the GET and HEAD direct, the PUT through its own link', async () => {
    const from = started.events.length;
    expect(await listKeys(bucket)).toContain('probe/a.txt');
    expect(await getObject(bucket, 'probe/a.txt')).toEqual(body);
    expect(await hasObject(bucket, 'probe/a.txt')).toBe(true);
    await putObject(bucket, 'probe/b.txt', body);
    const lines = await accessLines(from, ['GET', LISTING], ['GET', A], ['HEAD', A], ['PUT', /\/probe\/b\.txt/]);
    const by = (method: string, path: RegExp) => lines.find((e) => e.method === method && path.test(e.path));
    expect(by('GET', LISTING)).toMatchObject({ status: 200, upstream: expect.stringMatching(/^link list-link( \(200\))?$/) });
    expect(by('GET', A)).toMatchObject({ status: 200, upstream: expect.stringMatching(/^direct( \(200\))?$/) });
    expect(by('HEAD', A)).toMatchObject({ status: 200, upstream: expect.stringMatching(/^direct( \(200\))?$/) });
    expect(by('PUT', /\/probe\/b\.txt/)).toMatchObject({ status: 200, upstream: expect.stringMatching(/^link put-link( \(200\))?$/) });
  });

  it('with a timeout toxic on the reads link, the listing stalls into a 504 while the GET and HEAD answer 200 and a PUT lands', async () => {
    await proxy().addToxic('list-link', { name: 'stall', type: 'timeout', stream: 'upstream', toxicity: 1, attributes: { timeout: 0 } });
    try {
      const from = started.events.length;
      const t0 = Date.now();
      const [listing, got, head] = await Promise.allSettled([
        listKeys(bucket),
        getObject(bucket, 'probe/a.txt'),
        hasObject(bucket, 'probe/a.txt'),
        putObject(bucket, 'probe/c.txt', body),
      ]);
      expect(listing.status === 'rejected' && String(listing.reason)).toMatch(/HTTP 504/);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(IDLE_MS - 100);
      expect(got).toEqual({ status: 'fulfilled', value: body });
      expect(head).toEqual({ status: 'fulfilled', value: true });
      const C = /\/probe\/c\.txt/;
      const lines = await accessLines(from, ['GET', LISTING], ['GET', A], ['HEAD', A], ['PUT', C]);
      const stalled = lines.find((e) => e.method === 'GET' && LISTING.test(e.path));
      expect(stalled).toMatchObject({ status: 504, upstream: expect.stringMatching(/^link list-link/) });
      if (product === 'envoy') expect(stalled?.flags).toBe('SI');
      const took = (method: string, path: RegExp) =>
        lines.filter((e) => e.method === method && path.test(e.path)).map((e) => [e.status, e.upstream?.split(' ')[0]]);
      expect(took('GET', A)).toEqual([[200, 'direct']]);
      expect(took('HEAD', A)).toEqual([[200, 'direct']]);
      expect(took('PUT', C)).toEqual([[200, 'link']]);
    } finally {
      await proxy().removeToxic('list-link', 'stall');
    }
    expect(await listKeys(bucket)).toEqual(expect.arrayContaining(['probe/a.txt', 'probe/b.txt', 'probe/c.txt']));
  });
});
