// GET an open upload: what the registry still holds of it (the last byte, -1 for none).
import fc from 'fast-check';
import { z } from 'zod';
import { FUZZ_INDEX, index } from './model.ts';
import { command, opKind } from './op.ts';

export const uploadStatus = opKind({
  name: 'upload-status',
  args: z.object({ repo: z.string(), upload: z.number().int() }),
  value: z.object({ end: z.number().int() }),
  script: (a) => [String(a.upload)],
});

const uploadStatusCommand = command({
  name: 'upload-status',
  about: 'ask the registry what it holds of an open upload (upload: among the open ones)',
  spec: z.object({ upload: index }).strict(),
  applies: (c, m) => m.openUpload(c.upload) !== undefined,
  async run(c, m, ctx) {
    const [upload, u] = m.openUpload(c.upload)!;
    await ctx.ops.run(uploadStatus, { repo: u.repo, upload }, async (client) => ({
      outcome: 'ok',
      value: { end: await client.uploadStatus(ctx.locations[upload]!) },
    }));
  },
  fuzz: () => ({ weight: 1, arbitrary: fc.record({ upload: FUZZ_INDEX }) }),
});

export default { kind: uploadStatus, commands: [uploadStatusCommand] };
