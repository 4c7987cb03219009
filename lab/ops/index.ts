// Every op kind and the commands that run them. A scenario's steps, a `commands` step and a fuzz case are
// all made of these commands. Adding an op kind is a file beside these and a line here.
import type { z } from 'zod';
import { Registry } from '../core/registry.ts';
import catalog from './catalog.ts';
import del from './delete.ts';
import deleteBlob from './delete-blob.ts';
import fault from './fault.ts';
import gc from './gc.ts';
import getBlob from './get-blob.ts';
import headManifest from './head-manifest.ts';
import head from './head.ts';
import mount from './mount.ts';
import type { OpContext } from './context.ts';
import type { Model } from './model.ts';
import type { Command, OpKind } from './op.ts';
import pull from './pull.ts';
import pushBlobs from './push-blobs.ts';
import push from './push.ts';
import restart from './restart.ts';
import tags from './tags.ts';
import uploadCommit from './upload-commit.ts';
import uploadPatch from './upload-patch.ts';
import uploadStart from './upload-start.ts';
import uploadStatus from './upload-status.ts';

const FILES = [
  push,
  pushBlobs,
  pull,
  head,
  mount,
  del,
  gc,
  restart,
  uploadStart,
  uploadPatch,
  uploadCommit,
  uploadStatus,
  getBlob,
  fault,
  catalog,
  tags,
  deleteBlob,
  headManifest,
] as const;

/** The op kinds, typed: what the history's ops are typed by. */
export type OpKindList = Extract<(typeof FILES)[number], { kind: unknown }>['kind'];
export const OP_KINDS = new Registry<OpKind>(
  'op kind',
  FILES.flatMap((f) => ('kind' in f ? [f.kind as OpKind] : [])),
);

type Commands = (typeof FILES)[number]['commands'][number];
export const COMMANDS = new Registry<Command>(
  'command',
  FILES.flatMap((f) => f.commands as readonly Command[]),
);

/** A command as data: `{ cmd: 'push', layers: ['small'], chunked: false }`. */
export type CommandData = { [C in Commands as C['name']]: { cmd: C['name'] } & z.output<C['spec']> }[Commands['name']];
export type CommandInput = { [C in Commands as C['name']]: { cmd: C['name'] } & z.input<C['spec']> }[Commands['name']];

/** One short line: `upload-patch(upload=0 bytes=100)`. */
export function describeCommand(c: { cmd: string } & Record<string, unknown>): string {
  const { cmd, ...rest } = c;
  const args = Object.entries(rest).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`);
  return `${cmd}(${args.join(' ')})`;
}

/** Whether a command can run in this model. */
export function applies(c: { cmd: string } & Record<string, unknown>, m: Model): boolean {
  return COMMANDS.get(c.cmd).applies(c as never, m);
}

export function execute(c: { cmd: string } & Record<string, unknown>, m: Model, ctx: OpContext): Promise<void> {
  return COMMANDS.get(c.cmd).run(c as never, m, ctx);
}
