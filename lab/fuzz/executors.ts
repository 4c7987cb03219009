// Every command kind and its executor.
import type { Command } from './command.ts';
import { del } from './commands/delete.ts';
import { fault, heal } from './commands/fault.ts';
import { gc } from './commands/gc.ts';
import { head } from './commands/head.ts';
import { mount } from './commands/mount.ts';
import { pull } from './commands/pull.ts';
import { push, pushBlobs, pushManifest } from './commands/push.ts';
import { restart } from './commands/restart.ts';
import { getBlob, uploadCommit, uploadPatch, uploadStart, uploadStatus } from './commands/upload.ts';
import type { Executor } from './executor.ts';
import type { Model } from './model.ts';
import type { System } from './system.ts';

const EXECUTORS: { [K in Command['cmd']]: Executor<K> } = {
  push,
  'push-blobs': pushBlobs,
  'push-manifest': pushManifest,
  pull,
  head,
  mount,
  delete: del,
  gc,
  fault,
  heal,
  restart,
  'upload-start': uploadStart,
  'upload-patch': uploadPatch,
  'upload-commit': uploadCommit,
  'upload-status': uploadStatus,
  'get-blob': getBlob,
};

export function applies(c: Command, m: Model): boolean {
  return (EXECUTORS[c.cmd] as Executor<Command['cmd']>).applies(c, m);
}

export function execute(c: Command, m: Model, s: System): Promise<void> {
  return (EXECUTORS[c.cmd] as Executor<Command['cmd']>).run(c, m, s);
}
