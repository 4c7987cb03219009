// The schedule pass over a counterexample, against a pretend system: a case breaks when a PATCH runs while a fault
// is active, in an upload started before it (and, where asked, after a push).
import { describe, expect, it } from 'vitest';
import { shortenSchedule } from '../../../lab/fuzz/schedule.ts';

type Data = { cmd: string } & Record<string, unknown>;
const start = { cmd: 'upload-start' };
const patch = { cmd: 'upload-patch', upload: 0, bytes: 100 };
const push = { cmd: 'push', layers: ['small'] };
const fault = (f: string) => ({ cmd: 'fault', fault: f });
const heal = (f: string) => ({ cmd: 'heal', fault: f });

/** Runs the commands as the fuzzer would (a heal of a fault not active does not run): what ran, when it broke. */
function system(needsPush: boolean) {
  const trials: string[][] = [];
  const trial = async (commands: readonly Data[]) => {
    trials.push(commands.map((c) => `${c.cmd}${c.fault ? `:${c.fault}` : ''}`));
    const active = new Set<unknown>();
    const ran: Data[] = [];
    let started = false;
    let pushed = false;
    let broke = false;
    for (const c of commands) {
      if (c.cmd === 'heal' && !active.has(c.fault)) continue;
      ran.push(c);
      if (c.cmd === 'fault') active.add(c.fault);
      if (c.cmd === 'heal') active.delete(c.fault);
      if (c.cmd === 'upload-start') started = true;
      if (c.cmd === 'push') pushed = true;
      if (c.cmd === 'upload-patch' && started && active.size > 0 && (pushed || !needsPush)) broke = true;
    }
    // like the real ones, the violation shows at the case's end (a status that finds the bytes gone)
    return broke ? ran : undefined;
  };
  return { trial, trials };
}

describe('shortenSchedule', () => {
  it('drops the commands the violation does without, and of two faults keeps one', async () => {
    const { trial } = system(false);
    const found = [start, fault('a'), fault('b'), push, patch, patch, heal('b'), heal('a')];
    expect(await shortenSchedule(found, trial)).toEqual([start, fault('a'), patch, heal('a')]);
  });

  it('moves a fault as late as it still breaks the invariant, never past its heal', async () => {
    const { trial, trials } = system(true);
    const found = [start, fault('a'), push, patch, heal('a')];
    expect(await shortenSchedule(found, trial)).toEqual([start, push, fault('a'), patch, heal('a')]);
    // the latest place was tried first (after the PATCH it breaks nothing), and the heal was never dropped
    expect(trials).toContainEqual(['upload-start', 'push', 'upload-patch', 'fault:a', 'heal:a']);
    expect(trials.some((t) => t.length === 4 && !t.includes('heal:a'))).toBe(false);
  });

  it('returns the counterexample as it was when no trial breaks the invariant', async () => {
    const found = [start, fault('a'), patch];
    expect(await shortenSchedule(found, async () => undefined)).toEqual(found);
  });
});
