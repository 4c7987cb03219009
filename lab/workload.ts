// Runs a scenario's workload steps against the registry, in order, recording every op and HTTP exchange.
import { generateImage, type LayerSpec } from '../fixtures/image.ts';
import { applyFault, healFault, type FaultEffect } from '../faults/fault.ts';
import { OciClient, RegistryError } from './clients/oci.ts';
import type { EventLog } from './events/log.ts';
import type { Outcome } from './events/schema.ts';
import { outcomeOf } from './history/outcome.ts';
import type { Step } from './scenario/schema.ts';

export interface WorkloadOptions {
  registry: string;
  events: EventLog;
  seed: number;
  faults: ReadonlyMap<string, FaultEffect>;
  signal: AbortSignal;
  /** chunk size for chunked pushes */
  chunkSize?: number;
}

interface Pushed {
  repo: string;
  tag: string;
}

/** What an op returns when it ends without an exception: its outcome may still be fail (e.g. corrupt bytes). */
interface Completion {
  outcome: Outcome;
  value?: Record<string, unknown>;
  error?: string;
}

export class Workload {
  private nextOp = 0;
  private images = 0;
  private readonly pushed: Pushed[] = [];

  constructor(private readonly o: WorkloadOptions) {}

  async run(steps: readonly Step[]): Promise<void> {
    for (const step of steps) {
      this.o.signal.throwIfAborted();
      if ('push' in step) for (let i = 0; i < step.push.images; i++) await this.push(step.push.layers as LayerSpec[], step.push.chunked);
      else if ('pull' in step) for (const p of [...this.pushed]) await this.pull(p);
      else if ('fault' in step) await applyFault(this.effect(step.fault), this.o.events);
      else await healFault(this.effect(step.heal), this.o.events);
      this.o.events.flush();
    }
  }

  private effect(name: string): FaultEffect {
    const e = this.o.faults.get(name);
    if (!e) throw new Error(`no fault ${name}`);
    return e;
  }

  /** One op: invoke, run, complete. Exceptions become fail or info by the rules in history/outcome.ts. */
  private async op(kind: string, args: Record<string, unknown>, body: (client: OciClient) => Promise<Completion>): Promise<Outcome> {
    const op = this.nextOp++;
    const events = this.o.events;
    events.append({ type: 'op.invoke', op, kind, args });
    const client = new OciClient({
      baseUrl: this.o.registry,
      signal: this.o.signal,
      onHttp: (r) => events.append({ type: 'http', op, ...r }),
    });
    try {
      const done = await body(client);
      events.append({ type: 'op.complete', op, kind, ...done });
      return done.outcome;
    } catch (e) {
      // anything else (a manifest that is not JSON …) leaves the outcome unknown, and the run goes on
      const failure = e instanceof RegistryError ? e : { sent: true, message: `${(e as Error).name}: ${(e as Error).message}`, status: undefined };
      const outcome = this.o.signal.aborted ? 'info' : outcomeOf(failure);
      const error = this.o.signal.aborted ? 'interrupted' : failure.message;
      events.append({ type: 'op.complete', op, kind, outcome, error, ...(failure.status !== undefined && { status: failure.status }) });
      return outcome;
    }
  }

  private async push(layers: LayerSpec[], chunked: boolean): Promise<void> {
    const n = this.images++;
    const image = generateImage(`${this.o.seed}:${n}`, layers);
    const target = { repo: `lab/image-${n}`, tag: 'v1' };
    const args = { ...target, digest: image.manifest.digest, layers: image.layers.map((l) => l.size), chunked };
    this.pushed.push(target);
    await this.op('push', args, async (client) => {
      const digest = await client.pushImage(target.repo, target.tag, image, chunked ? { chunkSize: this.o.chunkSize ?? 64 * 1024 } : undefined);
      return { outcome: 'ok', value: { digest } };
    });
  }

  private async pull(target: Pushed): Promise<void> {
    await this.op('pull', { ...target }, async (client) => {
      const r = await client.pullImage(target.repo, target.tag);
      const value = { digest: r.digest, blobs: r.blobs };
      return r.intact ? { outcome: 'ok', value } : { outcome: 'fail', value, error: 'bytes do not match their digest' };
    });
  }
}
