// The container launcher on real containers: a component's programs run in its image, in the run's network
// namespace; pause and stop act on its container; one-shot commands run where its programs are; disposing
// removes every container and the network of the run.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '../../../lab/products/redis/redis.ts';
import { dockerCli } from '../../../lab/provision/engine.ts';
import { startTopology, type Started } from '../stack.ts';

const docker = (...args: string[]) => execFileSync(dockerCli(), args, { encoding: 'utf8' }).trim();
const runOf = (s: Started) => s.dir.split('/').at(-1)!;
/** the run's containers, running or (with `all`) not */
const containers = (s: Started, all = true) =>
  docker('ps', ...(all ? ['-a'] : []), '--filter', `label=registry-lab.run=${runOf(s)}`, '--format', '{{.Names}}')
    .split('\n')
    .filter(Boolean);

describe('the container launcher', () => {
  let started: Started;
  const redis = () => started.stack.get('cache') as Redis;
  const redisContainer = () => containers(started, false).find((c) => /-cache-redis-\d+$/.test(c))!;

  beforeAll(async () => {
    started = await startTopology(
      { registry: { product: 'distribution', storage: 'filesystem', cache: 'redis' }, cache: { product: 'redis' } },
      () => {},
      'container',
    );
  });

  afterAll(() => started?.[Symbol.asyncDispose]());

  it('runs each program in its own container of its image, on 127.0.0.1 through the pod', async () => {
    expect(containers(started)).toEqual(expect.arrayContaining([expect.stringMatching(/-pod$/), expect.stringMatching(/-registry-[a-z0-9-]+-\d+$/)]));
    expect(docker('inspect', '--format', '{{.Config.Image}}', redisContainer())).toMatch(/^registry-lab\/redis:bookworm-/);
    expect(await redis().flush()).toBe('+OK');
  });

  it('pauses the container (the engine freezes it) and resumes it', async () => {
    started.stack.get('cache').pause(true);
    expect(docker('inspect', '--format', '{{.State.Paused}}', redisContainer())).toBe('true');
    await expect(redis().flush()).rejects.toThrow();
    started.stack.get('cache').pause(false);
    expect(docker('inspect', '--format', '{{.State.Paused}}', redisContainer())).toBe('false');
    expect(await redis().flush()).toBe('+OK');
  });

  it('restarts a component in a new container on the same port', async () => {
    const before = redisContainer();
    await started.stack.get('cache').restart();
    expect(redisContainer()).not.toBe(before);
    expect(containers(started, false)).not.toContain(before);
    expect(await redis().flush()).toBe('+OK');
  });

  it('leaves no container or network of the run once disposed', async () => {
    const id = runOf(started);
    await started[Symbol.asyncDispose]();
    expect(docker('ps', '-aq', '--filter', `label=registry-lab.run=${id}`)).toBe('');
    expect(docker('network', 'ls', '-q', '--filter', `label=registry-lab.run=${id}`)).toBe('');
    started = undefined as unknown as Started;
  });
});
