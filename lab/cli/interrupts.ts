// What every command does first, and one that starts components on Ctrl-C: reap what a crashed run left behind, and
// turn the first SIGINT/SIGTERM into a clean stop (teardown, event log closed); a second kills what is left.
import { RUNS_DIR } from '../core/run-dir.ts';
import { reapContainers, removeOwnContainers } from '../runtime/container-labels.ts';
import { killTracked, reapLeftovers } from '../runtime/state.ts';
import { err } from './output.ts';

export function reapBefore(): void {
  for (const p of reapLeftovers(RUNS_DIR)) err(`lab: killed ${p.name} (pid ${p.pid}) left over by a crashed run`);
  for (const c of reapContainers()) err(`lab: removed ${c} left over by a crashed run`);
}

export function interrupts(): AbortController {
  const ac = new AbortController();
  const onSignal = (sig: string) => {
    if (ac.signal.aborted) {
      err(`lab: ${sig} again: killing what is left`);
      killTracked();
      removeOwnContainers();
      process.exit(2);
    }
    err(`lab: ${sig}: stopping (press Ctrl-C again to kill at once)`);
    ac.abort();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return ac;
}
