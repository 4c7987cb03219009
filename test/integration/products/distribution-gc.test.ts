// The registry's garbage-collect on a real Distribution 2.8 with filesystem storage: each invocation's whole
// output (stdout and stderr) is kept in the run's logs/registry-gc-<n>.log, and a failed one names that file.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage } from '../../../fixtures/image.ts';
import { OciClient } from '../../../lab/clients/oci.ts';
import { ComponentError } from '../../../lab/core/errors.ts';
import { GARBAGE_COLLECT } from '../../../lab/products/capabilities.ts';
import { startTopology, type Started } from '../stack.ts';

let started: Started;
const gc = (dryRun: boolean) => started.stack.capable('registry', GARBAGE_COLLECT).garbageCollect(dryRun);
const logOf = (n: number) => readFileSync(join(started.dir, 'logs', `registry-gc-${n}.log`), 'utf8');

beforeAll(async () => {
  started = await startTopology({ registry: { product: 'distribution', version: '2.8', storage: 'filesystem' } });
});

afterAll(async () => {
  await started?.[Symbol.asyncDispose]();
  if (started) rmSync(started.dir, { recursive: true, force: true });
});

describe('garbage-collect output', () => {
  it('fails on a storage with no repositories yet, naming the log that holds its whole output', async () => {
    const e = await gc(false).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ComponentError);
    const message = (e as Error).message;
    expect(message).toMatch(/^registry: docker-registry garbage-collect failed \(exit \d+\): .+; its whole output is in the run's logs\/registry-gc-1\.log$/);
    const log = logOf(1);
    expect(log.trim()).not.toBe('');
    // the error quotes the last line; the file has all of it
    expect(message).toContain(log.trim().split('\n').at(-1)!);
    expect(log).toMatch(/Path not found|no such file/i);
  });

  it('keeps the whole output of each run, stdout and stderr, numbered per invocation', async () => {
    const client = new OciClient({ baseUrl: started.stack.get('registry').endpoint, timeoutMs: 30_000 });
    const image = generateImage('gc-log', ['small', '1KiB']);
    await client.pushImage('lab/kept', 'v1', image);
    // an orphan blob (no manifest refers to it): eligible for deletion
    const orphan = generateImage('gc-orphan', ['2KiB']).layers[0]!;
    await client.uploadBlob('lab/kept', orphan);

    const dry = await gc(true);
    expect(dry).toBe(logOf(2));
    expect(dry).toContain(`blob eligible for deletion: ${orphan.digest}`);
    for (const b of [image.config, ...image.layers]) expect(dry).toContain(b.digest);

    const real = await gc(false);
    expect(real).toBe(logOf(3));
    // stdout (what it marks and what is eligible) and stderr (logrus: what it deletes) both kept, every line
    expect(real).toContain(`blob eligible for deletion: ${orphan.digest}`);
    expect(real).toMatch(/Deleting blob/);
    expect(real.trim().split('\n').length).toBeGreaterThan(3);
    expect(readdirSync(join(started.dir, 'logs')).filter((f) => f.startsWith('registry-gc-'))).toEqual([
      'registry-gc-1.log',
      'registry-gc-2.log',
      'registry-gc-3.log',
    ]);
  });
});
