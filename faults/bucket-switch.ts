// The registry switched to a new bucket (as seed 000's nginx flip pointed /restricted at a registry on an
// empty bucket): the bucket is created if needed, the registry restarted on it. Healing switches back.
import { z } from 'zod';
import { bucketOf, createBucket, listKeys } from '../lab/clients/s3.ts';
import { RETARGET, S3_STORE } from '../lab/products/capabilities.ts';
import { lasting, type Plan } from './fault.ts';

export const bucketName = z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'an S3 bucket name');

export default lasting({
  name: 'bucket-switch',
  about: 'the registry restarted on another (new, possibly empty) bucket of its object store; healing switches back',
  spec: z.object({ bucket: bucketName }).strict(),
  needs: () => [
    { role: 'registry', capability: RETARGET, for: 'a bucket switch' },
    { role: 'object-store', capability: S3_STORE, for: 'a bucket switch' },
  ],
  plan: (fault, s): Plan & { bucket: string } => ({
    fault,
    targets: [{ component: 'registry' }, { component: 'object-store', resource: s.bucket }],
    bucket: s.bucket,
  }),
  effect: (plan, stack) => {
    const registry = () => stack.capable('registry', RETARGET);
    const store = () => stack.capable('object-store', S3_STORE);
    return {
      async apply() {
        const to = bucketOf(store(), plan.bucket);
        await createBucket(to);
        const objects = (await listKeys(to)).length;
        await registry().retarget({ bucket: plan.bucket });
        return { from: store().bucket, to: plan.bucket, objects };
      },
      async heal() {
        await registry().retarget({});
        return { from: plan.bucket, to: store().bucket };
      },
    };
  },
});
