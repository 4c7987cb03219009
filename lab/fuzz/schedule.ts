// The fault schedule of a counterexample made as small as it still fails, after fast-check's shrink (which removes
// commands but never moves one): every command it can do without is dropped (faults among them: the fewest
// faults), then each fault is moved as late as it still breaks the invariant, no later than its own heal. A
// trial runs a case again on the real stack. Pure but for the trials it is given.
type Data = { cmd: string } & Record<string, unknown>;

/** Runs these commands as a case: the commands that ran when it broke an invariant, or undefined when it passed. */
export type Trial = (commands: readonly Data[]) => Promise<Data[] | undefined>;

export async function shortenSchedule(commands: readonly Data[], fails: Trial): Promise<Data[]> {
  let best = [...commands];
  const attempt = async (candidate: Data[]) => {
    const ran = await fails(candidate);
    if (ran) best = ran;
    return ran !== undefined;
  };
  // a heal is not dropped: without it the fault would last to the end of the case, a longer fault, not fewer
  // (a trial that fails may have run fewer commands than it was given: indices past the end are skipped)
  for (let i = best.length - 1; i >= 0; i--) if (best[i] && best[i]!.cmd !== 'heal') await attempt(best.toSpliced(i, 1));
  for (let i = best.length - 1; i >= 0; i--) {
    const fault = best[i];
    if (fault?.cmd !== 'fault') continue;
    const heal = best.findIndex((c, j) => j > i && c.cmd === 'heal' && c.fault === fault.fault);
    for (let to = (heal === -1 ? best.length : heal) - 1; to > i; to--) if (await attempt(moved(best, i, to))) break;
  }
  return best;
}

/** The list with the command at `from` moved to `to` (later), those between moving up one. */
function moved(list: readonly Data[], from: number, to: number): Data[] {
  const out = list.toSpliced(from, 1);
  out.splice(to, 0, list[from]!);
  return out;
}
