// How an op ends, Jepsen-style: ok, fail (definitely did not happen) or info (unknown: the request was sent
// and no definite answer came back, e.g. a 5xx or a timeout).
import type { Outcome } from './events/schema.ts';

export interface Failure {
  status?: number;
  /** false only when the request never left the client (connection refused) */
  sent: boolean;
  message: string;
}

export function outcomeOf(f: Failure): Outcome {
  if (f.status !== undefined) return f.status >= 500 ? 'info' : 'fail';
  return f.sent ? 'info' : 'fail';
}
