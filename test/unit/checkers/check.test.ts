import { describe, expect, it } from 'vitest';
import { combine } from '../../../lab/checkers/check.ts';

describe('combine', () => {
  it('false wins over unknown, unknown over true', () => {
    expect(combine([{ valid: true, evidence: [] }, { valid: 'unknown', evidence: [] }, { valid: false, evidence: [] }])).toBe(false);
    expect(combine([{ valid: true, evidence: [] }, { valid: 'unknown', evidence: [] }])).toBe('unknown');
    expect(combine([{ valid: true, evidence: [] }, { valid: true, evidence: [] }])).toBe(true);
  });
});
