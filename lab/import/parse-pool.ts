// The files of an import parsed on worker threads, one a core, each file on one worker, which parses a batch of
// it when asked (the merge keeps a few of each file asked for: no file runs far ahead of the output, and none
// waits for another's). Ends in one place: disposing it stops the workers.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ScenarioError } from '../core/errors.ts';
import type { Batch, FilePlan } from './file-parser.ts';

type Reply = { id: number; batch: Batch } | { id: number; error: string };

/** The worker's code: tsx's loader, then parse-worker.ts. */
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./parse-worker.ts', import.meta.url).href)}); })`;

export class ParsePool implements AsyncDisposable {
  private readonly workers: Worker[];
  private readonly owner = new Map<number, Worker>();
  private readonly waiting = new Map<number, { resolve: (b: Batch) => void; reject: (e: Error) => void }[]>();

  constructor(plans: readonly FilePlan[]) {
    const n = Math.max(1, Math.min(plans.length, availableParallelism()));
    this.workers = Array.from({ length: n }, () => {
      const w = new Worker(BOOT, { eval: true });
      w.on('message', (m: Reply) => {
        const p = this.waiting.get(m.id)!.shift()!;
        if ('error' in m) p.reject(new ScenarioError(`${plans[m.id]!.file}: ${m.error}`));
        else p.resolve(m.batch);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => this.fail(new Error(`a parse worker exited with code ${code}`)));
      return w;
    });
    // the largest file first, each to the worker with the fewest bytes so far
    const load = this.workers.map(() => 0);
    const size = plans.map((p) => statSync(p.file).size);
    for (const id of plans.map((_, i) => i).sort((a, b) => size[b]! - size[a]!)) {
      const w = load.indexOf(Math.min(...load));
      load[w]! += size[id]!;
      this.owner.set(id, this.workers[w]!);
      this.workers[w]!.postMessage({ id, plan: plans[id] });
    }
  }

  /** A worker failed or stopped: every batch still awaited fails. */
  private fail(e: Error): void {
    for (const list of this.waiting.values()) for (const p of list.splice(0)) p.reject(e);
  }

  /** The file's next batch (after its last, its end again). */
  next(id: number): Promise<Batch> {
    const batch = new Promise<Batch>((resolve, reject) => {
      if (!this.waiting.has(id)) this.waiting.set(id, []);
      this.waiting.get(id)!.push({ resolve, reject });
      this.owner.get(id)!.postMessage({ id });
    });
    // one asked ahead may fail before it is awaited, or never be: its error is the awaited one's
    batch.catch(() => undefined);
    return batch;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
