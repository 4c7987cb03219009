// What an imported run is judged by: its server errors and its flagged responses, each component's its own
// finding, written as evidence clauses (lab/checks/evidence.ts) so that analyze and replay show them with
// their lines. Pure but for `add` and `merge`, which count into the Seen they are given (an import adds millions of lines).
import type { Fact } from './format.ts';

/** component → the 5xx it logged, and the envoy flags seen (besides "-") */
export interface Seen {
  errors: Record<string, number>;
  flags: Record<string, Record<string, number>>;
}

export const findings = {
  start: (): Seen => ({ errors: {}, flags: {} }),

  add(seen: Seen, fact: Fact): Seen {
    if (fact.type !== 'access') return seen;
    if (fact.status >= 500) seen.errors[fact.component] = (seen.errors[fact.component] ?? 0) + 1;
    if (fact.flags === undefined || fact.flags === '-') return seen;
    for (const flag of fact.flags.split(',')) {
      if (flag === '-' || flag === '') continue;
      const f = (seen.flags[fact.component] ??= {});
      f[flag] = (f[flag] ?? 0) + 1;
    }
    return seen;
  },

  /** Adds what another file saw. */
  merge(into: Seen, other: Seen): Seen {
    for (const [component, n] of Object.entries(other.errors)) into.errors[component] = (into.errors[component] ?? 0) + n;
    for (const [component, flags] of Object.entries(other.flags))
      for (const [flag, n] of Object.entries(flags)) {
        const f = (into.flags[component] ??= {});
        f[flag] = (f[flag] ?? 0) + n;
      }
    return into;
  },

  /** The run.json definition: one symptom per component with 5xx, and per flag a component logged. */
  definition(seen: Seen) {
    const evidence: Record<string, unknown> = {};
    for (const [component, n] of Object.entries(seen.errors))
      evidence[`${component} 5xx`] = { about: `${component} answered 5xx (${n} lines)`, events: { component, status: '5xx' } };
    for (const [component, flags] of Object.entries(seen.flags))
      for (const [flag, n] of Object.entries(flags))
        evidence[`${component} flag ${flag}`] = { about: `${component} flagged responses ${flag} (${n} lines)`, events: { component, flag } };
    return { expect: { reproduced: Object.keys(evidence), violated: [], holds: [] }, bounds: {}, evidence };
  },
};
