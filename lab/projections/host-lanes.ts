// The lanes of imported lines (those with a host): one per host and component, up from its first line, with
// its 5xx and flagged responses and the warnings and errors it logged as notes. A fold that adds in place (an
// import adds millions of lines) and merges (each file is read on its own), at the lines' own times; `lanes`
// turns it into timeline lanes, by name (a host's together), with at most NOTE_CELLS notes of each level a lane (a terminal has fewer columns).
import type { LabEvent } from '../core/events/schema.ts';
import type { Lane } from './timeline.ts';

type Level = Lane['notes'][number]['level'];

interface HostLane {
  name: string;
  product: string;
  first: number;
  notes: Record<Level, number[]>;
}

export type HostLanes = Map<string, HostLane>;

export const NOTE_CELLS = 2048;

type Imported = Extract<LabEvent, { type: 'access' | 'component.log' }>;

/** An imported line's lane: its host's component, "moss-fe2001 s3-front". */
export const laneOf = (e: { component: string; host?: string }) => (e.host ? `${e.host} ${e.component}` : e.component);

/** The level an imported line notes on its lane, if any. */
function levelOf(e: Imported): Level | undefined {
  if (e.type === 'component.log') return e.level;
  if (e.status >= 500) return 'error';
  return e.flags && e.flags !== '-' ? 'warn' : undefined;
}

export const hostLanes = {
  start: (): HostLanes => new Map(),

  /** Adds a line with a host at `at` (any clock: the lab's t, or ms since the epoch while importing). */
  add(lanes: HostLanes, e: Pick<Imported, 'type' | 'component' | 'product'> & Partial<Imported>, at: number): void {
    const name = laneOf(e as Imported);
    let l = lanes.get(name);
    if (!l) lanes.set(name, (l = { name, product: e.product, first: at, notes: { info: [], warn: [], error: [] } }));
    if (at < l.first) l.first = at;
    const level = levelOf(e as Imported);
    if (level) l.notes[level].push(at);
  },

  merge(into: HostLanes, other: HostLanes): HostLanes {
    for (const [name, l] of other) {
      const mine = into.get(name);
      if (!mine) into.set(name, l);
      else {
        mine.first = Math.min(mine.first, l.first);
        for (const level of ['info', 'warn', 'error'] as const) for (const t of l.notes[level]) mine.notes[level].push(t);
      }
    }
    return into;
  },

  /** Timeline lanes, their times made `t0`-relative, each level's notes kept once a cell of (end / NOTE_CELLS). */
  lanes(lanes: HostLanes, t0 = 0, end = 0): Lane[] {
    const cell = Math.max(end, 1) / NOTE_CELLS;
    const sorted = [...lanes.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    return sorted.map((l) => {
      const notes: Lane['notes'] = [];
      for (const level of ['info', 'warn', 'error'] as const) {
        let last = -1;
        for (const at of Float64Array.from(l.notes[level]).sort()) {
          const t = at - t0;
          const c = Math.floor(t / cell);
          if (c !== last) notes.push({ t, level });
          last = c;
        }
      }
      notes.sort((a, b) => a.t - b.t);
      return { name: l.name, product: l.product, segments: [{ from: l.first - t0, state: 'running' }], notes };
    });
  },
};
