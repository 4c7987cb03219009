import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateImage } from '../../../fixtures/image.ts';
import type { LabEvent } from '../../../lab/core/events/schema.ts';
import { writeLayout } from '../../../lab/export/oci-layout.ts';

describe('the pushed images as an OCI layout', () => {
  it('holds every generated image by its reference, with blobs named by their digests, as the lab pushed them', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lab-layout-')), 'images');
    const image = { key: '7:lab:0', layers: ['small', '4KiB'] };
    const events = [
      { seq: 1, t: 0, at: '', type: 'op.invoke', op: 0, kind: 'push', args: { repo: 'lab/image-0', tag: 'v1', digest: 'x', image } },
      {
        seq: 2,
        t: 0,
        at: '',
        type: 'op.invoke',
        op: 1,
        kind: 'push-blobs',
        args: { repo: 'lab/image-1', tag: 'v1', blobs: [], image: { key: '7:lab:1', layers: ['small'] } },
      },
      { seq: 3, t: 0, at: '', type: 'op.invoke', op: 2, kind: 'pull', args: { repo: 'lab/image-0', tag: 'v1' } },
    ] as LabEvent[];
    expect(writeLayout(dir, events)).toEqual(['lab/image-0:v1', 'lab/image-1:v1']);
    expect(JSON.parse(readFileSync(join(dir, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    const expected = generateImage(image.key, ['small', '4KiB']);
    expect(index.manifests[0]).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: expected.manifest.digest,
      size: expected.manifest.size,
      annotations: { 'org.opencontainers.image.ref.name': 'lab/image-0:v1' },
    });
    const blobs = readdirSync(join(dir, 'blobs', 'sha256'));
    expect(blobs).toHaveLength(4 + 3);
    for (const b of blobs)
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, 'blobs', 'sha256', b)))
          .digest('hex'),
      ).toBe(b);
  });
});
