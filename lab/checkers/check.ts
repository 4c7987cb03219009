// What every checker returns. valid: 'unknown' when the history cannot decide (e.g. nothing was pulled).
export interface CheckResult {
  valid: true | false | 'unknown';
  /** one line per fact that decided the result */
  evidence: string[];
}

export function combine(results: readonly CheckResult[]): CheckResult['valid'] {
  if (results.some((r) => r.valid === false)) return false;
  if (results.some((r) => r.valid === 'unknown')) return 'unknown';
  return true;
}
