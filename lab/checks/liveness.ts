// Liveness: no op hangs past its bound. An op that never completed, or completed after its bound, is a violation.
import { duration } from '../core/history.ts';
import { invariant } from './check.ts';

export default invariant({
  name: 'liveness',
  about: "no op hangs past its bound (the scenario's bounds, 120 s by default)",
  run({ ops, bounds, defaultBoundMs }) {
    if (ops.length === 0) return { valid: 'unknown', evidence: ['no op was run'] };
    const evidence: string[] = [];
    const where: number[] = [];
    for (const op of ops) {
      const bound = bounds[op.kind] ?? defaultBoundMs;
      const ms = duration(op);
      if (ms !== undefined && ms <= bound) continue;
      where.push(op.op);
      evidence.push(
        ms === undefined
          ? `op ${op.op} (${op.kind}) never completed`
          : `op ${op.op} (${op.kind}) took ${(ms / 1000).toFixed(1)} s, bound ${(bound / 1000).toFixed(1)} s`,
      );
    }
    if (evidence.length > 0) return { valid: false, evidence, ops: where };
    const longest = Math.max(...ops.map((o) => duration(o)!));
    return { valid: true, evidence: [`${ops.length} ops completed within their bounds (longest ${(longest / 1000).toFixed(1)} s)`] };
  },
});
