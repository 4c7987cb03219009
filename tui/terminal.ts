// The replay in a terminal: over a stored run (`lab replay`), or following a run as it happens (`--tui`).
import { render } from 'ink';
import { createElement } from 'react';
import { join } from 'node:path';
import { IndexedFile } from '../lab/core/events/indexed-file.ts';
import type { LabEvent } from '../lab/core/events/schema.ts';
import { MemorySource } from '../lab/core/events/source.ts';
import type { RunMeta } from '../lab/core/run-files.ts';
import { App } from './App.tsx';
import { storedLanes, storedMeta } from './meta.ts';
import { plainReplay } from './plain.ts';
import { ReplayStore } from './store.ts';

// Ink's default 30 frames a second holds back a key pressed within 33 ms of the last frame
const OPTIONS = { exitOnCtrlC: false, maxFps: 120 };

/** Shows a stored run; plain text when asked or when stdout is not a terminal. */
export async function replay(dir: string, plain: boolean, out: (line: string) => void): Promise<void> {
  const source = new IndexedFile(join(dir, 'events.ndjson'));
  const meta = storedMeta(dir, source.length > 0 ? source.event(0) : undefined);
  const hostLanes = storedLanes(dir);
  if (plain || !process.stdout.isTTY) {
    plainReplay(meta, source, hostLanes).forEach(out);
    return;
  }
  const store = new ReplayStore(source, meta, { hostLanes });
  const app = render(createElement(App, { store }), OPTIONS);
  await app.waitUntilExit();
  store.dispose();
}

export interface LiveView {
  event(e: LabEvent): void;
  /** the run is over: show its verdict and wait until the user quits */
  finish(meta: RunMeta): Promise<void>;
}

/** Follows a run as its events arrive; q or Ctrl-C calls onQuit while it runs, and quits once it is over. */
export function live(meta: RunMeta, onQuit: () => void): LiveView {
  const source = new MemorySource();
  const store = new ReplayStore(source, meta, { follow: true });
  let over = false;
  const app = render(createElement(App, { store, onQuit: () => (over ? app.unmount() : onQuit()) }), OPTIONS);
  let pending: NodeJS.Timeout | undefined;
  return {
    event(e) {
      source.push(e);
      pending ??= setTimeout(() => {
        pending = undefined;
        store.refresh();
      }, 100);
    },
    async finish(meta) {
      clearTimeout(pending);
      over = true;
      store.refresh(meta);
      await app.waitUntilExit();
      store.dispose();
    },
  };
}
