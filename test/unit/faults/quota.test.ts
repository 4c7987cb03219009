import { describe, expect, it } from 'vitest';
import { quotaReport } from '../../../faults/quota.ts';

describe('quotaReport', () => {
  it("reads the user's quota and the bucket's usage as radosgw-admin reports them", () => {
    const stats = JSON.stringify({
      user_quota: { enabled: true, check_on_raw: false, max_size: 3145728, max_size_kb: 3072, max_objects: -1 },
      usage: { 'rgw.main': { size: 2170000, size_actual: 2179072, num_objects: 20 }, 'rgw.multimeta': { size_actual: 0, num_objects: 1 } },
    });
    expect(quotaReport(stats)).toEqual({ quotaEnabled: true, quotaBytes: 3145728, usedBytes: 2179072, objects: 21 });
  });

  it('keeps the start of what it cannot read', () => {
    expect(quotaReport('could not get bucket info')).toEqual({ stats: 'could not get bucket info' });
  });
});
