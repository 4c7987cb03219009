import { describe, expect, it } from 'vitest';
import { activeAt, faultWindows } from '../../../lab/core/fault-windows.ts';
import { applied, build, healed } from './events/build.ts';

describe('faultWindows', () => {
  const windows = faultWindows(
    build([100, applied('stall')], [150, applied('slow', 'other-link')], [200, healed('stall')], [300, applied('stall')], [400, healed('never-applied')]),
  );

  it('folds applied/healed into windows, a re-applied fault opening a new one', () => {
    expect(windows).toEqual([
      { fault: 'stall', kind: 'toxic', targets: [{ component: 'fault-proxy', link: 'rgw-link' }], from: 100, to: 200 },
      { fault: 'slow', kind: 'toxic', targets: [{ component: 'fault-proxy', link: 'other-link' }], from: 150 },
      { fault: 'stall', kind: 'toxic', targets: [{ component: 'fault-proxy', link: 'rgw-link' }], from: 300 },
    ]);
  });

  it('activeAt: from is inclusive, to is exclusive, an unhealed window stays open', () => {
    expect(activeAt(windows, 99)).toEqual([]);
    expect(activeAt(windows, 100).map((w) => w.fault)).toEqual(['stall']);
    expect(activeAt(windows, 199).map((w) => w.fault)).toEqual(['stall', 'slow']);
    expect(activeAt(windows, 200).map((w) => w.fault)).toEqual(['slow']);
    expect(activeAt(windows, 1e9).map((w) => w.from)).toEqual([150, 300]);
  });
});
