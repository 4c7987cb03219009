// The images a run pushed, as an OCI image layout (oci-layout, index.json, blobs/sha256/…): generated again from
// the seed key and layer specs each push recorded, so the bytes are the ones the lab pushed. skopeo and crane
// read it (`skopeo copy oci:images:lab/image-0:v1 …`); repro.sh pushes its blobs with curl.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateImage, type LayerSpec } from '../../fixtures/image.ts';
import type { LabEvent } from '../core/events/schema.ts';

interface Generated {
  repo: string;
  tag: string;
  image?: { key: string; layers: string[] };
}

/** Writes the layout into dir; returns the references it holds (repo:tag). */
export function writeLayout(dir: string, events: readonly LabEvent[]): string[] {
  const refs = new Map<string, ReturnType<typeof generateImage>>();
  for (const e of events) {
    if (e.type !== 'op.invoke') continue;
    const a = e.args as unknown as Generated;
    if (a.image) refs.set(`${a.repo}:${a.tag}`, generateImage(a.image.key, a.image.layers as LayerSpec[]));
  }
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const manifests = [...refs].map(([ref, image]) => {
    for (const b of [image.manifest, image.config, ...image.layers]) writeFileSync(join(dir, 'blobs', 'sha256', b.digest.slice('sha256:'.length)), b.data);
    const m = image.manifest;
    return { mediaType: m.mediaType, digest: m.digest, size: m.size, annotations: { 'org.opencontainers.image.ref.name': ref } };
  });
  writeFileSync(join(dir, 'oci-layout'), `${JSON.stringify({ imageLayoutVersion: '1.0.0' })}\n`);
  writeFileSync(join(dir, 'index.json'), `${JSON.stringify({ schemaVersion: 2, manifests }, null, 2)}\n`);
  return [...refs.keys()];
}
