// The recorded stream-idle-504 run the TUI tests replay, and a store over it.
import { join, resolve } from 'node:path';
import { IndexedFile } from '../../lab/core/events/indexed-file.ts';
import { storedMeta } from '../../tui/meta.ts';
import { ReplayStore } from '../../tui/store.ts';

export const RUN = resolve(import.meta.dirname, '..', 'fixtures', 'runs', 'stream-idle-504');

export function fixtureStore(): ReplayStore {
  return new ReplayStore(new IndexedFile(join(RUN, 'events.ndjson')), storedMeta(RUN));
}
