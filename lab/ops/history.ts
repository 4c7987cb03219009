// The history of a run with each op's payload typed by its kind: what checkers read. A payload that does not
// fit its kind's schema is a corrupt log, reported where it is.
import type { z } from 'zod';
import { EventLogError } from '../core/events/log.ts';
import type { LabEvent } from '../core/events/schema.ts';
import { rawHistory, type RawOp } from '../core/history.ts';
import { OP_KINDS, type OpKindList } from './index.ts';

type Kinds = OpKindList;
export type OpKindName = Kinds['name'];

export type OpOf<K extends OpKindName> = Omit<RawOp, 'kind' | 'args' | 'value'> & {
  kind: K;
  args: z.output<Extract<Kinds, { name: K }>['args']>;
  value?: z.output<Extract<Kinds, { name: K }>['value']>;
};

export type Op = { [K in OpKindName]: OpOf<K> }[OpKindName];

export function history(events: readonly LabEvent[]): Op[] {
  return rawHistory(events).map((o) => {
    const kind = OP_KINDS.find(o.kind);
    if (!kind) throw new EventLogError(`op ${o.op}: unknown op kind "${o.kind}"; known: ${OP_KINDS.names.join(', ')}`);
    const args = kind.args.safeParse(o.args);
    const value = o.value === undefined ? undefined : kind.value.safeParse(o.value);
    for (const [what, r] of [
      ['args', args],
      ['value', value],
    ] as const) {
      if (r && !r.success) throw new EventLogError(`op ${o.op} (${o.kind}): ${what}.${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
    }
    return { ...o, args: args.data, ...(value && { value: value.data }) } as Op;
  });
}

/** The ops of one kind. */
export function opsOf<K extends OpKindName>(ops: readonly Op[], kind: K): OpOf<K>[] {
  return ops.filter((o) => o.kind === kind) as unknown as OpOf<K>[];
}

/** Where an image lives: "repo:tag". */
export function imageRef(o: { args: { repo: string; tag: string } }): string {
  return `${o.args.repo}:${o.args.tag}`;
}

/** The image an op names, for ops that name one. */
export function refOf(o: Op): string | undefined {
  return 'tag' in o.args ? imageRef(o as { args: { repo: string; tag: string } }) : undefined;
}

/** An op that may have ended what a push promised for the image it names (a manifest or one of its blobs
 * deleted), unless the registry definitely refused it. */
export function mayHaveDeleted(o: Op): boolean {
  return (o.kind === 'delete' || o.kind === 'delete-blob') && o.outcome !== 'fail';
}

/** The blobs an op received and hashed (pulls and blob GETs). */
export function blobsOf(o: Op): { digest: string; actual: string; size: number }[] {
  return o.value && 'blobs' in o.value ? o.value.blobs : [];
}
