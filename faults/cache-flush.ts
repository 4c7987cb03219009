// FLUSHALL on the registry's Redis: the blob-descriptor cache forgets everything (a one-shot action).
import { redisCommand, type Redis } from '../lab/components/redis.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class CacheFlushEffect implements FaultEffect {
  readonly kind = 'cache-flush';

  constructor(
    readonly name: string,
    private readonly redis: Redis,
  ) {}

  async apply(): Promise<Applied> {
    return { target: `${this.redis.role}/FLUSHALL`, detail: { reply: await redisCommand(this.redis.port, 'FLUSHALL') } };
  }

  /** A flush cannot be undone: healing it records that nothing was done. */
  async heal(): Promise<Applied> {
    return { target: `${this.redis.role}/FLUSHALL`, detail: {} };
  }
}
