import { describe, expect, it } from 'vitest';
import { waitMs } from '../../../lab/runner/workload.ts';

describe('waitMs', () => {
  it('is the number itself for a fixed wait', () => {
    expect(waitMs(2500, 1, '0')).toBe(2500);
  });

  it('picks a moment inside the bounds from the seed and the step, the same one every time', () => {
    const picks = Array.from({ length: 200 }, (_, seed) => waitMs({ between: [3500, 6500] }, seed, '0.1.0'));
    expect(Math.min(...picks)).toBeGreaterThanOrEqual(3500);
    expect(Math.max(...picks)).toBeLessThan(6500);
    // spread over the range, not stuck at one end
    expect(Math.max(...picks) - Math.min(...picks)).toBeGreaterThan(2500);
    expect(waitMs({ between: [3500, 6500] }, 7, '0.1.0')).toBe(picks[7]);
    expect(waitMs({ between: [3500, 6500] }, 7, '2.1.0')).not.toBe(picks[7]);
  });
});
