// Waiting for real readiness: poll a check until it passes, the process dies, or time runs out.
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** rejects as soon as the process behind the check has exited */
  exited?: Promise<unknown>;
  signal?: AbortSignal;
}

export async function waitUntil(check: () => Promise<boolean>, what: string, opts: WaitOptions): Promise<void> {
  const deadline = performance.now() + opts.timeoutMs;
  let died = false;
  opts.exited?.then(() => (died = true));
  for (;;) {
    opts.signal?.throwIfAborted();
    if (died) throw new Error(`exited while waiting for ${what}`);
    if (await check().catch(() => false)) return;
    if (performance.now() > deadline) throw new Error(`${what} not ready after ${opts.timeoutMs / 1000} s`);
    await sleep(opts.intervalMs ?? 50);
  }
}

export async function httpOk(url: string, accept: (status: number) => boolean = (s) => s < 500): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await res.arrayBuffer();
  return accept(res.status);
}
