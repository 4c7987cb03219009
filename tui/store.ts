// The replay's state and how keys change it. The reducer is pure over a cursor in the visible events;
// the store owns the event source, the timeline projection, the filter and the play clock.
import type { EventSource } from '../lab/core/events/source.ts';
import type { RunMeta } from '../lab/core/run-files.ts';
import { type Lane, timeline, type Timeline } from '../lab/projections/timeline.ts';

export type { RunMeta };

export interface ReplayState {
  /** position in the visible events */
  pos: number;
  /** the play head, ms since the run started */
  clock: number;
  playing: boolean;
  speed: number;
  details: boolean;
  /** the applied filter term ('' for none), and the one being typed */
  filter: string;
  typing: string | null;
  /** live mode: stay on the newest event */
  follow: boolean;
  note: string;
}

export const INITIAL: ReplayState = { pos: 0, clock: 0, playing: false, speed: 1, details: false, filter: '', typing: null, follow: false, note: '' };

export type Action =
  | { type: 'step'; by: number }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'play' }
  | { type: 'speed'; factor: number }
  | { type: 'tick'; ms: number }
  | { type: 'next-mark' }
  | { type: 'details' }
  | { type: 'filter-start' }
  | { type: 'filter-key'; ch: string }
  | { type: 'filter-back' }
  | { type: 'filter-done' }
  | { type: 'filter-cancel' }
  | { type: 'quit' };

/** The visible events: positions map to event indices. */
export interface Visible {
  count: number;
  index(pos: number): number;
  t(pos: number): number;
}

/** The first position at or after time t (count when none). */
export function firstAtOrAfter(v: Visible, t: number): number {
  let lo = 0;
  let hi = v.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.t(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

function moveTo(s: ReplayState, v: Visible, pos: number): ReplayState {
  const p = clamp(pos, 0, Math.max(0, v.count - 1));
  return { ...s, pos: p, clock: v.count > 0 ? v.t(p) : 0, note: '' };
}

export function reduce(s: ReplayState, a: Action, v: Visible, marks: readonly number[]): ReplayState {
  switch (a.type) {
    case 'step':
      return { ...moveTo(s, v, s.pos + a.by), follow: false };
    case 'home':
      return { ...moveTo(s, v, 0), follow: false };
    case 'end':
      return moveTo(s, v, v.count - 1);
    case 'play':
      return { ...s, playing: !s.playing && v.count > 0, note: '' };
    case 'speed':
      return { ...s, speed: clamp(s.speed * a.factor, 0.125, 64) };
    case 'tick': {
      if (!s.playing || v.count === 0) return s;
      const clock = s.clock + a.ms * s.speed;
      const pos = clamp(firstAtOrAfter(v, clock + 1e-9) - 1, 0, v.count - 1);
      const done = pos === v.count - 1;
      return { ...s, clock: done ? v.t(pos) : clock, pos, playing: !done };
    }
    case 'next-mark': {
      const next = marks.find((t) => t > s.clock + 1e-9);
      if (next === undefined) return { ...s, note: marks.length ? 'no more findings after this point (g: back to the start)' : 'this run has no findings' };
      const pos = clamp(firstAtOrAfter(v, next), 0, v.count - 1);
      return { ...s, pos, clock: next, follow: false, note: '' };
    }
    case 'details':
      return { ...s, details: !s.details };
    case 'filter-start':
      return { ...s, typing: s.filter };
    case 'filter-key':
      return { ...s, typing: (s.typing ?? '') + a.ch };
    case 'filter-back':
      return { ...s, typing: (s.typing ?? '').slice(0, -1) };
    case 'filter-cancel':
      return { ...s, typing: null };
    case 'filter-done':
      return { ...s, filter: (s.typing ?? '').trim(), typing: null };
    case 'quit':
      return s;
  }
}

/** What a key does; null for keys that do nothing. While a filter is typed, keys go to it. */
export function keyAction(
  input: string,
  key: { leftArrow?: boolean; rightArrow?: boolean; return?: boolean; escape?: boolean; backspace?: boolean; delete?: boolean },
  typing: boolean,
): Action | null {
  if (typing) {
    if (key.return) return { type: 'filter-done' };
    if (key.escape) return { type: 'filter-cancel' };
    if (key.backspace || key.delete) return { type: 'filter-back' };
    return input && input >= ' ' ? { type: 'filter-key', ch: input } : null;
  }
  if (key.leftArrow) return { type: 'step', by: -1 };
  if (key.rightArrow) return { type: 'step', by: 1 };
  if (key.return) return { type: 'details' };
  const keys: Record<string, Action> = {
    ' ': { type: 'play' },
    '[': { type: 'speed', factor: 0.5 },
    ']': { type: 'speed', factor: 2 },
    g: { type: 'home' },
    G: { type: 'end' },
    '/': { type: 'filter-start' },
    n: { type: 'next-mark' },
    q: { type: 'quit' },
  };
  return keys[input] ?? null;
}

/** The timeline of a run's events, marked with its verdict's findings; `hostLanes`: an imported run's. */
export function project(source: EventSource, meta: RunMeta, hostLanes: readonly Lane[] = []): Timeline {
  const end = source.length > 0 ? source.t(source.length - 1) : 0;
  return timeline(source.timelineEvents(), {
    hostLanes,
    verdict: meta.verdict,
    links: meta.links,
    end,
    timeOf: (seq) => (seq < source.length ? source.t(seq) : undefined),
  });
}

export interface Snapshot {
  state: ReplayState;
  timeline: Timeline;
  visible: Visible;
}

export class ReplayStore {
  private state: ReplayState;
  private tl!: Timeline;
  private visible!: Visible;
  private marks: number[] = [];
  private snapshot!: Snapshot;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private readonly hostLanes: readonly Lane[];

  constructor(
    readonly source: EventSource,
    public meta: RunMeta,
    opts: { follow?: boolean; hostLanes?: readonly Lane[] } = {},
  ) {
    this.hostLanes = opts.hostLanes ?? [];
    this.state = { ...INITIAL, follow: opts.follow ?? false };
    this.project();
    this.applyFilter('');
    this.publish();
  }

  /** The timeline again from the events (a live run grew, or its verdict arrived). */
  private project(): void {
    this.tl = project(this.source, this.meta, this.hostLanes);
    this.marks = [...new Set(this.tl.marks.map((k) => k.t))].sort((a, b) => a - b);
  }

  private applyFilter(term: string): void {
    const source = this.source;
    if (term === '') {
      this.visible = { count: source.length, index: (p) => p, t: (p) => source.t(p) };
      return;
    }
    const hits = source.filter(term);
    this.visible = { count: hits.length, index: (p) => hits[p]!, t: (p) => source.t(hits[p]!) };
  }

  private publish(): void {
    this.snapshot = { state: this.state, timeline: this.tl, visible: this.visible };
    for (const l of this.listeners) l();
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly getSnapshot = (): Snapshot => this.snapshot;

  dispatch(a: Action): void {
    const before = this.state;
    let next = reduce(before, a, this.visible, this.marks);
    if (a.type === 'filter-done' && next.filter !== before.filter) {
      this.applyFilter(next.filter);
      const pos = Math.min(firstAtOrAfter(this.visible, before.clock), Math.max(0, this.visible.count - 1));
      next = { ...next, pos, clock: this.visible.count ? this.visible.t(pos) : 0, note: this.visible.count ? '' : `nothing matches "${next.filter}"` };
    }
    this.state = next;
    if (next.playing && !this.timer) this.timer = setInterval(() => this.dispatch({ type: 'tick', ms: 50 }), 50);
    if (!next.playing && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    if (next !== before) this.publish();
  }

  /** Live mode: the source grew, or the meta (verdict) changed. */
  refresh(meta: RunMeta = this.meta): void {
    this.meta = meta;
    this.project();
    this.applyFilter(this.state.filter);
    if (this.state.follow && this.visible.count > 0) this.state = { ...this.state, pos: this.visible.count - 1, clock: this.visible.t(this.visible.count - 1) };
    this.publish();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
