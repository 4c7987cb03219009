// The end of a fuzz case: every fault still active is healed, then everything the registry acknowledged is looked
// at again: what it holds of each open upload it acknowledged bytes of, each acknowledged image pulled, each
// committed blob read (`reads` times each: where a read goes to a random replica, one read may miss the damaged
// one). A loss shows only when it is read.
import type { CommandData } from '../ops/index.ts';
import type { Model } from '../ops/model.ts';

export function caseEnd(m: Model, reads = 1): CommandData[] {
  const times = <T>(c: T) => Array.from({ length: reads }, () => c);
  const open = m.uploads.filter((u) => u.state === 'open');
  const committed = m.uploads.filter((u) => u.state === 'committed');
  return [
    ...[...m.faults].map((fault) => ({ cmd: 'heal' as const, fault })),
    ...open.flatMap((u, upload) => (u.acked >= 0 ? [{ cmd: 'upload-status' as const, upload }] : [])),
    ...m.images.flatMap((img, image) => (img.state === 'acked' ? times({ cmd: 'pull' as const, image }) : [])),
    ...committed.flatMap((_, upload) => times({ cmd: 'get-blob' as const, upload })),
  ];
}
