// The OCI client against a real Docker Distribution 2.8 on filesystem storage, started by the lab's runtime.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateImage } from '../../../fixtures/image.ts';
import { OciClient, RegistryError, type HttpRecord } from '../../../lab/clients/oci.ts';
import { FILESYSTEM } from '../../../lab/products/capabilities.ts';
import { startTopology, type Started } from '../stack.ts';

let started: Started;
let registry: { endpoint: string; root: string };
let client: OciClient;
let records: HttpRecord[] = [];

beforeAll(async () => {
  started = await startTopology({ registry: { product: 'distribution', version: '2.8', storage: 'filesystem' } });
  registry = started.stack.capable('registry', FILESYSTEM);
  client = new OciClient({ baseUrl: registry.endpoint, onHttp: (r) => records.push(r), timeoutMs: 30_000 });
});

afterAll(async () => {
  await started?.[Symbol.asyncDispose]();
  if (started) rmSync(started.dir, { recursive: true, force: true });
});

beforeEach(() => {
  records = [];
});

/** The code of what `p` rejects with, and its status. */
async function failure(p: Promise<unknown>): Promise<RegistryError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RegistryError);
  return e as RegistryError;
}

describe('OciClient against Distribution 2.8', () => {
  it('answers the ping', async () => {
    await client.ping();
    expect(records).toEqual([expect.objectContaining({ method: 'GET', path: '/v2/', status: 200 })]);
  });

  it('pushes monolithically and pulls the image back intact', async () => {
    const img = generateImage('monolithic', ['small', '64KiB']);
    const digest = await client.pushImage('lab/mono', 'v1', img);
    expect(digest).toBe(img.manifest.digest);

    const puts = records.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'));
    expect(puts.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(puts.map((r) => r.sent)).toEqual([img.config.size, ...img.layers.map((l) => l.size)]);
    puts.forEach((r, i) => expect(r.path).toContain(`digest=${encodeURIComponent([img.config, ...img.layers][i]!.digest)}`));
    expect(records.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    expect(records.at(-1)).toMatchObject({ method: 'PUT', path: '/v2/lab/mono/manifests/v1', status: 201, sent: img.manifest.size });

    records = [];
    const pulled = await client.pullImage('lab/mono', 'v1');
    expect(pulled).toMatchObject({ digest: img.manifest.digest, mediaType: img.manifest.mediaType, intact: true });
    expect(pulled.blobs.map((b) => [b.digest, b.actual, b.size])).toEqual([img.config, ...img.layers].map((b) => [b.digest, b.digest, b.size]));
    expect(records.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'GET 200', 'GET 200', 'GET 200']);
    expect(records[2]!.received).toBe(img.layers[0]!.size);
    for (const r of records) expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('uploads blobs one at a time by default, and `uploads` at once when asked, intact either way', async () => {
    const spans = async (repo: string, uploads?: number) => {
      const seen: { start: number; end: number }[] = [];
      const c = new OciClient({ baseUrl: registry.endpoint, onHttp: (r) => seen.push({ start: performance.now() - r.ms, end: performance.now() }) });
      const img = generateImage(repo, ['small', '4KiB', '64KiB']);
      await c.pushImage(repo, 'v1', img, uploads ? { uploads } : {});
      const push = [...seen];
      expect((await c.pullImage(repo, 'v1')).intact).toBe(true);
      // how many other exchanges of the push each one overlapped
      return Math.max(...push.map((a) => push.filter((b) => b !== a && b.start < a.end && a.start < b.end).length));
    };
    expect(await spans('lab/one-at-a-time')).toBe(0);
    expect(await spans('lab/three-at-once', 3)).toBeGreaterThanOrEqual(2);
  });

  it('HEADs a blob as missing before the push and present after', async () => {
    const img = generateImage('head', ['small']);
    const layer = img.layers[0]!;
    expect(await client.headBlob('lab/head', layer.digest)).toBe(false);
    expect(records.at(-1)).toMatchObject({ method: 'HEAD', status: 404 });
    await client.uploadBlob('lab/head', layer);
    expect(await client.headBlob('lab/head', layer.digest)).toBe(true);
    expect(Buffer.compare(await client.getBlob('lab/head', layer.digest), layer.data)).toBe(0);
  });

  it('pushes in chunks, one PATCH per chunk, and pulls the image back intact', async () => {
    const img = generateImage('chunked', ['100KiB']);
    const chunkSize = 16 * 1024;
    await client.pushImage('lab/chunked', 'v1', img, { chunkSize });
    const patches = records.filter((r) => r.method === 'PATCH');
    const expected = Math.ceil(img.config.size / chunkSize) + Math.ceil(img.layers[0]!.size / chunkSize);
    expect(patches.length).toBe(expected);
    expect(patches.length).toBeGreaterThanOrEqual(7);
    expect(patches.every((r) => r.status === 202)).toBe(true);
    expect(patches.reduce((n, r) => n + r.sent, 0)).toBe(img.config.size + img.layers[0]!.size);
    const puts = records.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'));
    expect(puts.map((r) => [r.status, r.sent])).toEqual([
      [201, 0],
      [201, 0],
    ]);

    const pulled = await client.pullImage('lab/chunked', 'v1');
    expect(pulled.intact).toBe(true);
    expect(pulled.blobs[1]).toEqual({ digest: img.layers[0]!.digest, actual: img.layers[0]!.digest, size: img.layers[0]!.size });
  });

  it('pushes a Docker schema 2 image and pulls it by digest', async () => {
    const img = generateImage('docker', ['small', '8KiB'], 'docker');
    const digest = await client.pushImage('lab/docker', 'latest', img);
    expect(digest).toBe(img.manifest.digest);
    const m = await client.getManifest('lab/docker', 'latest');
    expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(Buffer.compare(m.body, img.manifest.data)).toBe(0);
    const pulled = await client.pullImage('lab/docker', digest);
    expect(pulled).toMatchObject({ digest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', intact: true });
    expect(pulled.blobs).toHaveLength(3);
  });

  it('mounts a blob from another repository, and reports an unknown blob as not mounted', async () => {
    const img = generateImage('mount', ['small']);
    await client.pushImage('lab/mount-from', 'v1', img);
    const layer = img.layers[0]!.digest;
    expect(await client.headBlob('lab/mount-to', layer)).toBe(false);
    expect(await client.mountBlob('lab/mount-to', layer, 'lab/mount-from')).toBe(true);
    expect(records.at(-1)).toMatchObject({ method: 'POST', status: 201 });
    expect(await client.headBlob('lab/mount-to', layer)).toBe(true);

    records = [];
    const unknown = generateImage('never-pushed', ['small']).layers[0]!.digest;
    expect(await client.mountBlob('lab/mount-to', unknown, 'lab/mount-from')).toBe(false);
    expect(records.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 202', 'DELETE 204']);
    expect(await client.headBlob('lab/mount-to', unknown)).toBe(false);
  });

  it('rejects a manifest that references a missing blob with 400 MANIFEST_BLOB_UNKNOWN', async () => {
    const img = generateImage('missing-blob', ['small']);
    await client.uploadBlob('lab/missing', img.config);
    const e = await failure(client.putManifest('lab/missing', 'v1', img.manifest));
    expect(e).toMatchObject({ status: 400, code: 'MANIFEST_BLOB_UNKNOWN', sent: true, method: 'PUT', path: '/v2/lab/missing/manifests/v1' });
    expect(records.at(-1)).toMatchObject({ method: 'PUT', status: 400 });
    expect(records.at(-1)!.error).toBeUndefined();
  });

  it('fails a pull of an unknown tag with 404 MANIFEST_UNKNOWN', async () => {
    const e = await failure(client.pullImage('lab/mono', 'no-such-tag'));
    expect(e).toMatchObject({ status: 404, code: 'MANIFEST_UNKNOWN', sent: true });
    expect(records).toHaveLength(1);
    expect(records[0]!.received).toBeGreaterThan(0);
  });

  it('deletes a manifest by digest', async () => {
    const img = generateImage('delete', ['small']);
    const digest = await client.pushImage('lab/delete', 'v1', img);
    await client.deleteManifest('lab/delete', digest);
    expect(records.at(-1)).toMatchObject({ method: 'DELETE', status: 202 });
    expect(await failure(client.getManifest('lab/delete', digest))).toMatchObject({ status: 404, code: 'MANIFEST_UNKNOWN' });
  });

  it('reports a layer whose stored bytes changed as not intact, without throwing', async () => {
    const img = generateImage('corrupted', ['small', '32KiB']);
    await client.pushImage('lab/corrupt', 'v1', img);
    const layer = img.layers[1]!;
    const hex = layer.digest.slice('sha256:'.length);
    const file = join(registry.root, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
    const stored = readFileSync(file);
    expect(stored.length).toBe(layer.size);
    writeFileSync(file, Buffer.from(stored.map((b) => b ^ 0xff)));

    const pulled = await client.pullImage('lab/corrupt', 'v1');
    expect(pulled.intact).toBe(false);
    expect(pulled.digest).toBe(img.manifest.digest);
    const bad = pulled.blobs.find((b) => b.digest === layer.digest)!;
    expect(bad.actual).not.toBe(bad.digest);
    expect(bad.size).toBe(layer.size);
    expect(pulled.blobs.filter((b) => b.actual !== b.digest)).toHaveLength(1);
  });

  it('reports a refused connection as never sent, with no status', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const seen: HttpRecord[] = [];
    const closed = new OciClient({ baseUrl: `http://127.0.0.1:${port}`, onHttp: (r) => seen.push(r) });
    const e = await failure(closed.ping());
    expect(e.sent).toBe(false);
    expect(e.status).toBeUndefined();
    expect(seen).toEqual([expect.objectContaining({ method: 'GET', path: '/v2/', error: 'ECONNREFUSED' })]);
    expect(seen[0]!.status).toBeUndefined();
  });
});
