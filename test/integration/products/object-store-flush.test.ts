// An S3 object store (Ceph RGW, MinIO) flushed under a real Distribution 2.8: every object of the registry's bucket
// deleted and its unfinished multipart uploads aborted, so that what the registry stored is gone (what lab fuzz does
// between two cases).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage } from '../../../fixtures/image.ts';
import { OciClient } from '../../../lab/clients/oci.ts';
import { bucketOf, listKeys } from '../../../lab/clients/s3.ts';
import { FLUSH, S3_STORE } from '../../../lab/products/capabilities.ts';
import { startTopology, type Started } from '../stack.ts';

describe.each(['ceph', 'minio'] as const)('%s flushed', (product) => {
  let started: Started;
  let client: OciClient;

  beforeAll(async () => {
    started = await startTopology({ registry: { product: 'distribution', version: '2.8', storage: 's3' }, 'object-store': { product } });
    client = new OciClient({ baseUrl: started.stack.get('registry').endpoint, timeoutMs: 30_000 });
  });

  afterAll(async () => {
    await started?.[Symbol.asyncDispose]();
    if (started) rmSync(started.dir, { recursive: true, force: true });
  });

  it("deletes every object of the registry's bucket and aborts its open uploads", async () => {
    const image = generateImage(`flush-${product}`, ['small', '4KiB']);
    await client.pushImage('lab/flushed', 'v1', image);
    // an upload left open with bytes in it: an unfinished multipart upload of the S3 driver
    const open = await client.startUpload('lab/flushed');
    await client.patchUpload(open, Buffer.alloc(1000, 7), 0);
    const bucket = bucketOf(started.stack.capable('object-store', S3_STORE));
    const before = await listKeys(bucket);
    expect(before.some((k) => k.includes('/repositories/lab/flushed/_manifests/'))).toBe(true);

    const said = await started.stack.capable('object-store', FLUSH).flush();
    expect(said).toMatch(new RegExp(`^${before.length} objects deleted, [1-9]\\d* uploads aborted$`));
    expect(await listKeys(bucket)).toEqual([]);
    expect(await started.stack.capable('object-store', FLUSH).flush()).toBe('0 objects deleted, 0 uploads aborted');
    // what the registry stored is gone with it
    await expect(client.getManifest('lab/flushed', 'v1')).rejects.toThrow(/404/);
  });
});
