// A check over a hand-written event log, as the verdict runs it.
import { runCheck } from '../../../lab/checks/check.ts';
import { CHECKS } from '../../../lab/checks/index.ts';
import type { LabEvent } from '../../../lab/core/events/schema.ts';
import type { Result } from '../../../lab/core/run-files.ts';
import { history } from '../../../lab/ops/history.ts';

export function checkOn(name: string, events: readonly LabEvent[], bounds: Record<string, number> = {}, defaultBoundMs = 120_000): Result {
  return runCheck(CHECKS.get(name), { events, ops: history(events), bounds, defaultBoundMs });
}
