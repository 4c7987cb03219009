import { describe, expect, it } from 'vitest';
import type { Blob } from '../../../fixtures/image.ts';
import { blobDeleted } from '../../../lab/ops/delete-blob.ts';
import { Model } from '../../../lab/ops/model.ts';

const layer = (digest: string): Blob => ({ digest, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: 1, data: new Uint8Array(1) });

describe('blobDeleted', () => {
  it('marks the images of that repository holding the layer, and only those', () => {
    const m = new Model('t');
    m.images.push(
      { repo: 't/a', tag: 'v1', digest: 'sha256:m1', layers: [layer('sha256:l1'), layer('sha256:l2')], state: 'acked' },
      { repo: 't/a', tag: 'v2', digest: 'sha256:m2', layers: [layer('sha256:l3')], state: 'acked' },
      { repo: 't/b', tag: 'v1', digest: 'sha256:m3', layers: [layer('sha256:l2')], state: 'unknown' },
      { repo: 't/a', tag: 'v3', digest: 'sha256:m4', layers: [layer('sha256:l2')], state: 'unknown' },
    );
    blobDeleted(m, 't/a', 'sha256:l2');
    expect(m.images.map((i) => i.state)).toEqual(['deleted', 'acked', 'unknown', 'deleted']);
  });
});
