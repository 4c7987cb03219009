// One blob upload in steps, so that a fault can fall between them: start (POST), then upload-patch,
// upload-commit, upload-status. Uploads are named by their index among those the case started.
import fc from 'fast-check';
import { z } from 'zod';
import type { UploadState } from './model.ts';
import { command, opKind } from './op.ts';

export const uploadStart = opKind({
  name: 'upload-start',
  args: z.object({ repo: z.string(), upload: z.number().int() }),
  value: z.object({}),
  script: (a) => [a.repo, String(a.upload)],
});

export default {
  kind: uploadStart,
  commands: [
    command({
      name: 'upload-start',
      about: 'start a blob upload in a new repository (POST /blobs/uploads/)',
      spec: z.object({}).strict(),
      applies: () => true,
      async run(_c, m, ctx) {
        const upload = m.uploads.length;
        const repo = `${m.ns}/upload-${upload}`;
        const u: UploadState = { repo, data: Buffer.alloc(0), acked: -1, state: 'broken' };
        m.uploads.push(u);
        await ctx.ops.run(uploadStart, { repo, upload }, async (client) => {
          ctx.locations[upload] = await client.startUpload(repo);
          u.state = 'open';
          return { outcome: 'ok' };
        });
      },
      // an open upload is where acknowledged bytes can be lost: most cases begin with one (and it is quick)
      fuzz: () => ({ weight: 3, arbitrary: fc.constant({}), opens: 6 }),
    }),
  ],
};
