// Every object of the registry's bucket copied into another bucket of the same object store, before a switch
// (a one-shot action): the copy the seed wished it had made ("not something to rollback to").
import { bucketOf, copyBucket, createBucket } from '../lab/clients/s3-bucket.ts';
import type { S3Store } from '../lab/components/s3-store.ts';
import type { Component } from '../lab/runtime/component.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class BucketCopyEffect implements FaultEffect {
  readonly kind = 'bucket-copy';

  constructor(
    readonly name: string,
    readonly bucket: string,
    private readonly store: Component & S3Store,
  ) {}

  async apply(): Promise<Applied> {
    await createBucket(bucketOf(this.store, this.bucket));
    const copied = await copyBucket(bucketOf(this.store), bucketOf(this.store, this.bucket));
    return { target: `${this.store.role}/${this.store.bucket} → ${this.bucket}`, detail: copied };
  }

  /** A copy cannot be undone: healing it records that nothing was done. */
  async heal(): Promise<Applied> {
    return { target: `${this.store.role}/${this.bucket}`, detail: {} };
  }
}
