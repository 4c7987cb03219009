// What every checker returns. valid: 'unknown' when the history cannot decide (e.g. nothing was pulled).
export interface CheckResult {
  valid: true | false | 'unknown';
  /** one line per fact that decided the result */
  evidence: string[];
  /** the ops a violation concerns, to mark it on a timeline */
  ops?: number[];
}
