import { describe, expect, it } from 'vitest';
import { hostLanes, NOTE_CELLS } from '../../../lab/projections/host-lanes.ts';

const access = (host: string, status: number, flags = '-') =>
  ({ type: 'access', component: 's3-front', product: 'envoy', host, method: 'PUT', path: '/x', status, flags }) as const;
const log = (host: string, level: 'info' | 'warn' | 'error') =>
  ({ type: 'component.log', component: 'registry', product: 'distribution', host, level, line: 'x' }) as const;

describe('the lanes of imported lines', () => {
  it('are one per host and component, by name, up from its first line, with its 5xx, flags and logged levels as notes', () => {
    const lanes = hostLanes.start();
    hostLanes.add(lanes, access('fe2', 200), 1_000_500);
    hostLanes.add(lanes, access('fe1', 504, 'SI'), 1_000_200);
    hostLanes.add(lanes, access('fe1', 200, 'UF'), 1_000_100);
    hostLanes.add(lanes, log('r1', 'error'), 1_000_300);
    expect(hostLanes.lanes(lanes, 1_000_000, 1000)).toEqual([
      {
        name: 'fe1 s3-front',
        product: 'envoy',
        segments: [{ from: 100, state: 'running' }],
        notes: [
          { t: 100, level: 'warn' },
          { t: 200, level: 'error' },
        ],
      },
      { name: 'fe2 s3-front', product: 'envoy', segments: [{ from: 500, state: 'running' }], notes: [] },
      { name: 'r1 registry', product: 'distribution', segments: [{ from: 300, state: 'running' }], notes: [{ t: 300, level: 'error' }] },
    ]);
  });

  it('merge the lanes of several files: the earliest first line, the notes of both', () => {
    const a = hostLanes.start();
    const b = hostLanes.start();
    hostLanes.add(a, access('fe1', 504), 50);
    hostLanes.add(b, access('fe1', 200), 10);
    hostLanes.add(b, access('fe1', 502), 30);
    const [lane] = hostLanes.lanes(hostLanes.merge(a, b), 0, 100);
    expect(lane!.segments).toEqual([{ from: 10, state: 'running' }]);
    expect(lane!.notes.map((n) => n.t)).toEqual([30, 50]);
  });

  it('keep a note of each level once a cell of the run, however many lines fall in it', () => {
    const lanes = hostLanes.start();
    const end = 1_000_000;
    for (let t = 0; t < end; t += 7) hostLanes.add(lanes, access('fe1', 504), t);
    const notes = hostLanes.lanes(lanes, 0, end)[0]!.notes;
    expect(notes.length).toBeGreaterThan(NOTE_CELLS - 2);
    expect(notes.length).toBeLessThanOrEqual(NOTE_CELLS);
    const cells = notes.map((n) => Math.floor(n.t / (end / NOTE_CELLS)));
    expect(new Set(cells).size).toBe(cells.length);
  });
});
