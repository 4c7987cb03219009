// The event log under generated events: what is written is read back; a torn tail never loses a complete line.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { IndexedFile } from '../../lab/core/events/indexed-file.ts';
import { EventLog, parseEvents } from '../../lab/core/events/log.ts';
import type { NewEvent } from '../../lab/core/events/schema.ts';

const text = fc.string({ maxLength: 40 });
const event: fc.Arbitrary<NewEvent> = fc.oneof(
  fc.record({ type: fc.constant('phase' as const), name: text }),
  // (no "__proto__" key at any depth: a parsed record cannot hold one as its own key, and the lab writes none)
  fc
    .record({ type: fc.constant('op.invoke' as const), op: fc.nat(), kind: text, args: fc.dictionary(text, fc.jsonValue()) })
    .filter((e) => !JSON.stringify(e).includes('"__proto__"')),
  fc.record({
    type: fc.constant('op.complete' as const),
    op: fc.nat(),
    kind: text,
    outcome: fc.constantFrom('ok' as const, 'fail' as const, 'info' as const),
    status: fc.integer({ min: 100, max: 599 }),
  }),
  fc.record({
    type: fc.constant('access' as const),
    component: text,
    product: text,
    method: text,
    path: text,
    status: fc.integer({ min: 100, max: 599 }),
    flags: text,
  }),
  fc.record({
    type: fc.constant('component.log' as const),
    component: text,
    product: text,
    level: fc.constantFrom('info' as const, 'warn' as const, 'error' as const),
    line: fc.string({ unit: 'binary', maxLength: 80 }),
  }),
);

it('reads back every event written, through the validating reader and the indexed one', () => {
  fc.assert(
    fc.property(fc.array(event, { maxLength: 30 }), (events) => {
      const file = join(mkdtempSync(join(tmpdir(), 'lab-prop-')), 'events.ndjson');
      const log = new EventLog(file);
      const written = events.map((e) => log.append(e));
      log.close();
      const read = parseEvents(readFileSync(file, 'utf8'));
      expect(read.torn).toBeNull();
      expect(read.events).toEqual(JSON.parse(JSON.stringify(written)));
      const indexed = new IndexedFile(file);
      expect(indexed.length).toBe(written.length);
      written.forEach((e, i) => expect(indexed.t(i)).toBe(e.t));
    }),
    { numRuns: 60 },
  );
});

it('keeps every complete line when the last one is torn anywhere', () => {
  fc.assert(
    fc.property(fc.array(event, { minLength: 1, maxLength: 10 }), fc.nat(), (events, cut) => {
      const file = join(mkdtempSync(join(tmpdir(), 'lab-prop-')), 'events.ndjson');
      const log = new EventLog(file);
      events.forEach((e) => log.append(e));
      log.close();
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const last = lines.pop()!;
      const partial = last.slice(0, cut % last.length);
      writeFileSync(file, lines.map((l) => l + '\n').join(''));
      appendFileSync(file, partial);
      const read = parseEvents(readFileSync(file, 'utf8'));
      expect(read.events).toHaveLength(lines.length);
      expect(read.torn === null).toBe(partial === '');
    }),
    { numRuns: 60 },
  );
});
