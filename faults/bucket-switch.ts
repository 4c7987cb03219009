// The registry switched to a new bucket (as seed 000's nginx flip pointed /restricted at a registry on an
// empty bucket): the bucket is created if needed, the registry restarted on it. Healing switches back.
import { bucketOf, createBucket, listKeys } from '../lab/clients/s3-bucket.ts';
import type { Distribution } from '../lab/components/distribution.ts';
import type { S3Store } from '../lab/components/s3-store.ts';
import type { Component } from '../lab/runtime/component.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class BucketSwitchEffect implements FaultEffect {
  readonly kind = 'bucket-switch';

  constructor(
    readonly name: string,
    readonly bucket: string,
    private readonly registry: Distribution,
    private readonly store: Component & S3Store,
  ) {}

  async apply(): Promise<Applied> {
    const to = bucketOf(this.store, this.bucket);
    await createBucket(to);
    const objects = (await listKeys(to)).length;
    await this.registry.retarget({ bucket: this.bucket });
    return { target: `${this.registry.role} → ${this.store.role}/${this.bucket}`, detail: { from: this.store.bucket, to: this.bucket, objects } };
  }

  async heal(): Promise<Applied> {
    await this.registry.retarget({});
    return { target: `${this.registry.role} → ${this.store.role}/${this.store.bucket}`, detail: { from: this.bucket, to: this.store.bucket } };
  }
}
