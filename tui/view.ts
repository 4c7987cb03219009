// What the replay screen shows, as rows of styled text that fit the terminal: a pure function of the run,
// its timeline and the replay state. Every meaning has a letter; colour only repeats it.
import { describe } from '../lab/core/events/describe.ts';
import type { EventSource } from '../lab/core/events/source.ts';
import type { Timeline } from '../lab/projections/timeline.ts';
import type { ReplayState, RunMeta, Visible } from './store.ts';

export type Tone = 'ok' | 'fail' | 'info' | 'fault' | 'violation' | 'symptom' | 'muted' | 'heading';

export interface Run {
  text: string;
  tone?: Tone;
  inverse?: boolean;
}

export type Row = Run[];

export interface Screen {
  header: Row[];
  lanes: Row[];
  detail: Row[];
  help: Row;
}

export interface ScreenInput {
  meta: RunMeta;
  timeline: Timeline;
  source: EventSource;
  state: ReplayState;
  visible: Visible;
  width: number;
  height: number;
}

interface Cell {
  ch: string;
  tone?: Tone;
}

export const LEGEND = 'o ok  i info  f fail  > running  = up  ~ fault  X crashed  ! violation  * symptom';

const secs = (ms: number) => `${(ms / 1000).toFixed(2)}s`;

/** Cuts a row to `width` characters. */
export function clip(row: Row, width: number): Row {
  const out: Row = [];
  let left = width;
  for (const r of row) {
    if (left <= 0) break;
    const text = [...r.text].slice(0, left).join('');
    left -= [...text].length;
    out.push({ ...r, text });
  }
  return out;
}

/** Joins cells into runs of the same tone, with the cursor column inverted. */
function runsOf(cells: Cell[], cursor: number): Row {
  const row: Row = [];
  cells.forEach((c, i) => {
    const inverse = i === cursor;
    const last = row.at(-1);
    if (last && last.tone === c.tone && Boolean(last.inverse) === inverse) last.text += c.ch;
    else row.push({ text: c.ch, tone: c.tone, ...(inverse && { inverse }) });
  });
  return row;
}

const RANK = { fail: 4, info: 3, running: 2, ok: 1 } as const;
const OUTCOME_CELL: Record<keyof typeof RANK, Cell> = {
  fail: { ch: 'f', tone: 'fail' },
  info: { ch: 'i', tone: 'info' },
  running: { ch: '>', tone: 'info' },
  ok: { ch: 'o', tone: 'ok' },
};

interface Lane {
  name: string;
  tone: Tone;
  cells: Cell[];
}

/** Lane cells depend only on the timeline and the width: kept, so a key press redraws only the cursor. */
const drawn = new WeakMap<Timeline, Map<number, Lane[]>>();

/** The lanes' label width: their longest name (imported lanes name a host too), from 14 columns up to 26 or a
 * third of the width. */
export function labelWidth(tl: Timeline, width: number): number {
  return width >= 60 ? Math.min(Math.max(26, Math.floor(width / 3)), Math.max(14, ...tl.lanes.map((l) => l.name.length))) : 8;
}

/** The lanes at `width`; with a clock, the cursor column and the time axis under them. */
export function laneRows(tl: Timeline, width: number, clock: number | null, label: number): Row[] {
  const cols = Math.max(1, width - label - 1);
  const end = Math.max(tl.end, 1);
  const col = (t: number) => Math.min(cols - 1, Math.max(0, Math.floor((t / end) * cols)));
  const cursor = clock === null ? -1 : col(clock);
  if (!drawn.has(tl)) drawn.set(tl, new Map());
  const cache = drawn.get(tl)!;
  if (!cache.has(cols)) cache.set(cols, lanes(tl, cols));
  const rows = cache.get(cols)!.map((l): Row => [{ text: l.name.slice(0, label).padEnd(label) + ' ', tone: l.tone }, ...runsOf(l.cells, cursor)]);
  if (clock === null) return rows;
  const axis: Cell[] = Array.from({ length: cols }, () => ({ ch: ' ' }));
  const here = `^ ${secs(clock)}`;
  const at = Math.min(cursor, Math.max(0, cols - here.length));
  [...here].forEach((ch, i) => (axis[at + i] = { ch: i === 0 ? '^' : ch }));
  rows.push([{ text: ''.padEnd(label) + ' ' }, ...runsOf(axis, -1)]);
  return rows;
}

function lanes(tl: Timeline, cols: number): Lane[] {
  const end = Math.max(tl.end, 1);
  const col = (t: number) => Math.min(cols - 1, Math.max(0, Math.floor((t / end) * cols)));
  const colStart = (c: number) => (c / cols) * end;
  const blank = (): Cell[] => Array.from({ length: cols }, () => ({ ch: ' ' }));
  const row = (name: string, cells: Cell[], tone: Tone = 'heading'): Lane => ({ name, cells, tone });
  const rows: Lane[] = [];

  for (const lane of tl.lanes) {
    const cells = blank();
    for (let c = 0; c < cols; c++) {
      const mid = colStart(c + 0.5);
      const seg = lane.segments.findLast((s) => s.from <= mid);
      if (!seg) continue;
      cells[c] =
        seg.state === 'running'
          ? { ch: '=' }
          : seg.state === 'starting'
            ? { ch: '.', tone: 'muted' }
            : seg.state === 'crashed'
              ? { ch: 'X', tone: 'fail' }
              : { ch: '_', tone: 'muted' };
    }
    for (const b of tl.bands.filter((b) => b.lanes.includes(lane.name))) {
      for (let c = col(b.from); c <= col(b.to ?? end); c++) if (cells[c]!.ch === '=') cells[c] = { ch: '~', tone: 'fault' };
    }
    for (const n of lane.notes) if (n.level === 'error') cells[col(n.t)] = { ch: '!', tone: 'fail' };
    rows.push(row(lane.name, cells));
  }

  if (tl.bands.length > 0) {
    const cells = blank();
    for (const b of tl.bands) {
      const from = col(b.from);
      const to = col(b.to ?? end);
      for (let c = from; c <= to; c++) cells[c] = { ch: '~', tone: 'fault' };
      [...b.fault].forEach((ch, i) => from + i <= to && (cells[from + i] = { ch, tone: 'fault' }));
    }
    rows.push(row('faults', cells, 'fault'));
  }

  for (const kind of [...new Set(tl.spans.map((s) => s.kind))]) {
    const cells = blank();
    const rank = new Array<number>(cols).fill(0);
    for (const s of tl.spans) {
      if (s.kind !== kind) continue;
      const state = s.outcome ?? 'running';
      for (let c = col(s.from); c <= col(s.to ?? end); c++) {
        if (RANK[state] > rank[c]!) {
          rank[c] = RANK[state];
          cells[c] = OUTCOME_CELL[state];
        }
      }
    }
    rows.push(row(kind, cells));
  }

  if (tl.marks.length > 0) {
    const cells = blank();
    for (const m of tl.marks) {
      const c = col(m.t);
      if (cells[c]!.ch !== '!') cells[c] = m.kind === 'violation' ? { ch: '!', tone: 'violation' } : { ch: '*', tone: 'symptom' };
    }
    rows.push(row('findings', cells, 'violation'));
  }
  return rows;
}

function header(m: RunMeta, tl: Timeline, s: ReplayState, v: Visible): Row[] {
  const versions = Object.entries(m.versions)
    .map(([k, ver]) => `${k} ${ver}`)
    .join(', ');
  const verdict = m.verdict?.verdict ?? 'running';
  const tone: Tone = verdict === 'reproduced' || verdict === 'holds' ? 'ok' : verdict === 'running' ? 'info' : 'fail';
  return [
    [{ text: `${m.scenario}${m.variant ? `/${m.variant}` : ''}`, tone: 'heading' }, { text: `  seed ${m.seed}  ${m.backend}  ${versions}` }],
    [
      { text: 'verdict: ' },
      { text: verdict, tone },
      {
        text: `  t ${secs(s.clock)} / ${secs(tl.end)}  ${s.playing ? `playing x${s.speed}` : `paused x${s.speed}`}  event ${v.count ? s.pos + 1 : 0}/${v.count}`,
      },
      ...(s.filter ? [{ text: `  filter: ${s.filter}`, tone: 'info' as Tone }] : []),
    ],
  ];
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) for (let i = 0; i < Math.max(1, line.length); i += width) out.push(line.slice(i, i + width));
  return out;
}

function detail(input: ScreenInput, lines: number): Row[] {
  const { source, state: s, visible: v, width, timeline: tl } = input;
  if (v.count === 0) return [[{ text: s.note || 'no events', tone: 'muted' }]];
  const current = source.event(v.index(s.pos));
  const rows: Row[] = [];
  const marks = tl.marks.filter((m) => Math.abs(m.t - s.clock) < 1e-6);
  for (const m of marks) rows.push([{ text: `${m.kind === 'violation' ? '!' : '*'} ${m.name}: ${m.text}`, tone: m.kind }]);
  if (s.details) {
    for (const [k, val] of Object.entries(current)) {
      const lines = wrap(`${k}: ${typeof val === 'string' ? val : JSON.stringify(val)}`, width);
      lines.forEach((line, i) =>
        rows.push(i === 0 ? [{ text: line.slice(0, k.length + 1), tone: 'heading' }, { text: line.slice(k.length + 1) }] : [{ text: line }]),
      );
    }
  } else {
    for (let p = s.pos; p < v.count && rows.length < lines; p++) {
      const e = p === s.pos ? current : source.event(v.index(p));
      rows.push([{ text: `#${e.seq} ${secs(e.t)} ${describe(e)}`, ...(p === s.pos && { inverse: true }) }]);
    }
  }
  if (s.note) rows.unshift([{ text: s.note, tone: 'info' }]);
  return rows.slice(0, lines);
}

function help(s: ReplayState, width: number): Row {
  if (s.typing !== null)
    return [
      { text: `filter: ${s.typing}_`, tone: 'info' },
      { text: '  component, op kind, outcome, status or type; enter applies, esc cancels', tone: 'muted' },
    ];
  const long = 'space play/pause  ←/→ step  [ ] speed  g/G start/end  / filter  n next finding  enter details  q quit';
  return [{ text: width >= long.length ? long : 'spc play ←→ step [] speed gG ends / filter n next ⏎ detail q quit', tone: 'muted' }];
}

export function screen(input: ScreenInput): Screen {
  const { width, height, meta, timeline: tl, state: s, visible: v } = input;
  const label = labelWidth(tl, width);
  const head = header(meta, tl, s, v).map((r) => clip(r, width));
  // with details open, the event takes the lanes' room; the axis stays to show where it is
  const allLanes = s.details ? laneRows(tl, width, s.clock, label).slice(-1) : laneRows(tl, width, s.clock, label);
  // keep the axis, findings, ops and faults; drop component lanes first when the screen is short
  const room = Math.max(2, height - head.length - 1 - 2);
  const lanes =
    allLanes.length <= room || s.details
      ? allLanes
      : [...allLanes.slice(0, Math.max(0, room - (allLanes.length - tl.lanes.length))), ...allLanes.slice(tl.lanes.length)].slice(-room);
  const detailLines = Math.max(1, height - head.length - lanes.length - 1);
  return {
    header: head,
    lanes: lanes.map((r) => clip(r, width)),
    detail: detail(input, detailLines).map((r) => clip(r, width)),
    help: clip(help(s, width), width),
  };
}
