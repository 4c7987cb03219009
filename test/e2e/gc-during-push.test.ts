// gc-during-push on the real stack: GC between a push's blobs and its manifest deletes the blobs; with GC only
// in read-only mode, the in-flight push is refused and its retry lands whole.
import { describe, expect, it } from 'vitest';
import { scenarioRun } from './lab-cli.ts';

const run = (variant?: string) => scenarioRun('gc-during-push', variant, 180_000, 5);

describe('gc-during-push', () => {
  it('reproduces: GC deletes every blob of the in-flight push, and that image does not pull', async () => {
    const { status, verdict, ops } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const up = ops.find((o) => o.kind === 'push-blobs')!;
    const gc = ops.find((o) => o.kind === 'gc')!;
    expect(gc.value!.deleted).toEqual(expect.arrayContaining(up.args.blobs as string[]));
    const evidence: string[] = verdict.checks['gc-deleted-in-flight'].evidence;
    expect(evidence[0]).toBe(`op ${gc.op} gc deleted 3 of the 3 blobs op ${up.op} had uploaded for lab/image-1, whose manifest was not yet put`);
    const pull = ops.find((o) => o.kind === 'pull' && o.args.repo === 'lab/image-1')!;
    expect(pull.outcome).toBe('fail');
    expect(evidence).toContain(`op ${pull.op} pull of lab/image-1: fail ${pull.status ? `HTTP ${pull.status} ` : ''}${pull.error}`.trim());
    // the image pushed before GC is untouched
    expect(ops.find((o) => o.kind === 'pull' && o.args.repo === 'lab/image-0')).toMatchObject({ outcome: 'ok' });
  });

  it('holds with GC only in read-only mode: the manifest is refused honestly, the retried push pulls', async () => {
    const { status, verdict, ops } = await run('read-only');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    const refused = ops.find((o) => o.kind === 'push' && o.args.manifestOnly)!;
    expect(refused).toMatchObject({ outcome: 'fail', status: 405 });
    const retried = ops.filter((o) => o.kind === 'push' && !o.args.manifestOnly);
    expect(retried.map((o) => o.outcome)).toEqual(['ok', 'ok']);
    expect(verdict.checks.durability.valid).toBe(true);
  });
});
