// Every object of the registry's bucket copied into another bucket of the same object store, before a switch
// (a one-shot action): the copy the seed wished it had made ("not something to rollback to").
import { z } from 'zod';
import { bucketOf, copyBucket, createBucket } from '../lab/clients/s3.ts';
import { S3_STORE } from '../lab/products/capabilities.ts';
import { bucketName } from './bucket-switch.ts';
import { action, type Plan } from './fault.ts';

export default action({
  name: 'bucket-copy',
  about: "every object of the registry's bucket copied into another bucket (list, GET, PUT)",
  spec: z.object({ bucket: bucketName }).strict(),
  needs: () => [{ role: 'object-store', capability: S3_STORE, for: 'a bucket copy' }],
  plan: (fault, s): Plan & { bucket: string } => ({ fault, targets: [{ component: 'object-store', resource: s.bucket }], bucket: s.bucket }),
  effect: (plan, stack) => ({
    async run() {
      const store = stack.capable('object-store', S3_STORE);
      await createBucket(bucketOf(store, plan.bucket));
      return { from: store.bucket, to: plan.bucket, ...(await copyBucket(bucketOf(store), bucketOf(store, plan.bucket))) };
    },
  }),
});
