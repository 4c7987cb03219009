import { describe, expect, it } from 'vitest';
import { rsyncStats } from '../../../../lab/products/rsync/rsync.ts';

// `rsync -a --delete --stats` as rsync 3.x prints it
const OUTPUT = `
Number of files: 4 (reg: 2, dir: 2)
Number of created files: 3 (reg: 2, dir: 1)
Number of deleted files: 0
Number of regular files transferred: 2
Total file size: 123,459 bytes
Total transferred file size: 123,459 bytes
Literal data: 123,459 bytes
Matched data: 0 bytes
File list size: 0
Total bytes sent: 123,686
Total bytes received: 73

sent 123,686 bytes  received 73 bytes  247,518.00 bytes/sec
total size is 123,459  speedup is 1.00
`;

describe('rsyncStats', () => {
  it('reads the files and bytes a pass transferred', () => {
    expect(rsyncStats(OUTPUT)).toEqual({ files: 2, bytes: 123_459 });
  });

  it('reads a pass that had nothing to copy as zero', () => {
    expect(
      rsyncStats(OUTPUT.replace('transferred: 2', 'transferred: 0').replace('Total transferred file size: 123,459', 'Total transferred file size: 0')),
    ).toEqual({ files: 0, bytes: 0 });
  });
});
