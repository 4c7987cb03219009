// rsync as the standby's sync job: the registry's storage copied onto the standby's every period.
import { z } from 'zod';
import { apt } from '../../provision/programs.ts';
import { FILESYSTEM, SYNC_JOB } from '../capabilities.ts';
import { defineProduct } from '../product.ts';
import { Rsync } from './rsync.ts';
import { MAX_MS } from '../../core/limits.ts';

export default defineProduct({
  name: 'rsync',
  about: "rsync (Debian's), one `rsync -a --delete` pass from the registry's storage to the standby's every period",
  fills: { 'standby-sync': z.object({ everyMs: z.number().int().positive().max(MAX_MS).describe('ms between the start of one pass and the next') }).strict() },
  programs: { rsync: apt('rsync') },
  image: () => ({ name: 'rsync', suite: 'bookworm' }),
  capabilities: () => [SYNC_JOB],
  requires: () => [
    { role: 'registry', capability: FILESYSTEM, for: 'the storage it copies' },
    { role: 'standby', capability: FILESYSTEM, for: 'the storage it copies onto' },
  ],
  build: ({ role, opts }) => ({ component: new Rsync(role, { from: 'registry', to: 'standby', everyMs: opts.everyMs }), dependsOn: ['registry', 'standby'] }),
});
