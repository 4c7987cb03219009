// Runs client operations as ops of the history: an invoke event, the HTTP exchanges, a completion.
// An exception ends the op fail or info by the rules in core/outcome.ts; the run goes on.
import type { z } from 'zod';
import { OciClient, RegistryError } from '../clients/oci.ts';
import type { EventLog } from '../core/events/log.ts';
import type { Outcome } from '../core/events/schema.ts';
import { outcomeOf } from '../core/outcome.ts';

export interface OpKind<K extends string = string, A extends z.ZodTypeAny = z.ZodTypeAny, V extends z.ZodTypeAny = z.ZodTypeAny> {
  readonly name: K;
  /** what op.invoke records */
  readonly args: A;
  /** what op.complete records when the op returned one */
  readonly value: V;
  /** an exported reproducer's call of it: the words after `op_<kind> N` (the bundle's functions take them) */
  script?(args: z.output<A>): string[];
}

export const opKind = <const K extends string, A extends z.ZodTypeAny, V extends z.ZodTypeAny>(k: OpKind<K, A, V>): OpKind<K, A, V> => k;

/** How an op ended without an exception: its outcome may still be fail (e.g. corrupt bytes). */
export interface Completion<V> {
  outcome: Outcome;
  value?: V;
  error?: string;
}

export interface Done<V> extends Completion<V> {
  op: number;
  status?: number;
}

export class Recorder {
  private next = 0;

  constructor(
    readonly registry: string,
    readonly events: EventLog,
    readonly signal: AbortSignal,
    /** per op kind, the bound after which an op counts as hung: the client gives up on a request at twice it,
     * as a person at a terminal would (without one, after 120 s) */
    readonly bounds: Readonly<Record<string, number>> = {},
  ) {}

  async run<A extends z.ZodTypeAny, V extends z.ZodTypeAny>(
    kind: OpKind<string, A, V>,
    args: z.input<A>,
    body: (client: OciClient) => Promise<Completion<z.input<V>>>,
  ): Promise<Done<z.input<V>>> {
    const op = this.next++;
    const events = this.events;
    events.append({ type: 'op.invoke', op, kind: kind.name, args: args as Record<string, unknown> });
    const bound = this.bounds[kind.name];
    const client = new OciClient({
      baseUrl: this.registry,
      signal: this.signal,
      ...(bound && { timeoutMs: 2 * bound }),
      onHttp: (r) => events.append({ type: 'http', op, ...r }),
    });
    try {
      const done = await body(client);
      events.append({ type: 'op.complete', op, kind: kind.name, ...done, value: done.value as Record<string, unknown> | undefined });
      return { op, ...done };
    } catch (e) {
      const failure = e instanceof RegistryError ? e : { sent: true, message: `${(e as Error).name}: ${(e as Error).message}`, status: undefined };
      const outcome = this.signal.aborted ? 'info' : outcomeOf(failure);
      const error = this.signal.aborted ? 'interrupted' : failure.message;
      const status = failure.status;
      events.append({ type: 'op.complete', op, kind: kind.name, outcome, error, ...(status !== undefined && { status }) });
      return { op, outcome, error, ...(status !== undefined && { status }) };
    }
  }
}
