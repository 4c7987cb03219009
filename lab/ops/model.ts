// What the fuzzer believes about the registry in one case: images pushed (acknowledged, unknown, deleted),
// uploads started and how many bytes the registry acknowledged, faults active.
import fc from 'fast-check';
import { z } from 'zod';
import type { Blob, Image } from '../../fixtures/image.ts';

/** An image, layer or upload named by its index among those made so far (wrapping). */
export const index = z.number().int().nonnegative().describe('an index among those made so far in the run (wrapping): 0 the first');
/** The indices the fuzzer picks from. */
export const FUZZ_INDEX = fc.nat({ max: 7 });

export interface ImageState {
  repo: string;
  tag: string;
  digest: string;
  layers: Blob[];
  state: 'acked' | 'unknown' | 'failed' | 'deleted' | 'in-flight';
  /** while in flight: the image whose manifest is still to be put */
  image?: Image;
}

export interface UploadState {
  repo: string;
  /** the bytes sent so far, and the last byte the registry acknowledged */
  data: Buffer;
  acked: number;
  state: 'open' | 'committed' | 'broken';
}

export class Model {
  readonly images: ImageState[] = [];
  readonly uploads: UploadState[] = [];
  readonly faults = new Set<string>();
  mounts = 0;

  /** the case's namespace: repositories of different cases never meet */
  constructor(readonly ns: string) {}

  /** Whether a write is in flight: an upload open, or an image whose blobs are up and manifest not yet. */
  writing(): boolean {
    return this.uploads.some((u) => u.state === 'open') || this.images.some((i) => i.state === 'in-flight');
  }

  /** The n-th open upload (wrapping) and its index among all uploads; undefined when none is open. */
  openUpload(n: number): [number, UploadState] | undefined {
    const live = this.uploads.map((u, i) => [i, u] as [number, UploadState]).filter(([, u]) => u.state === 'open');
    return live.length === 0 ? undefined : live[n % live.length];
  }

  /** the n-th of a list, wrapping, as generated indices are resolved */
  static pick<T>(list: readonly T[], n: number): T | undefined {
    return list.length === 0 ? undefined : list[n % list.length];
  }
}
