import { scenario, type ScenarioInput } from '../lab/scenario/schema.ts';

// The seeds disagree about a Redis outage. The runbook: Redis is only a blob cache, pushes and pulls get
// slower but the registry keeps serving. Another seed: health checks then take the registry down. Both
// configurations run here, with the latency of pushes and pulls before and during the outage; each verdict
// says which claim held for its configuration.
const topology = (redisHealthCheck: boolean): ScenarioInput['topology'] => ({
  'registry-front': { product: 'nginx' },
  registry: { product: 'distribution', version: '2.8', storage: 'filesystem', cache: 'redis', redisHealthCheck },
  cache: { product: 'redis' },
});

export default scenario({
  name: 'redis-down',
  symptom: 'Redis, the blob-descriptor cache, goes down: does the registry only get slower (runbook), or go down (health checks)?',
  source: 'seed 003 (runbook: "Redis is down … slower but will continue to serve") against seed 002 (health checks)',
  topology: topology(false),
  workload: [
    { push: { images: 3, layers: ['small', '1MiB'] } },
    { pull: 'all' },
    { fault: 'redis-down' },
    // longer than the health check needs to notice (1 s interval, threshold 1)
    { wait: 2500 },
    { push: { images: 3, layers: ['small', '1MiB'] } },
    { pull: 'all' },
    { heal: 'redis-down' },
  ],
  faults: { 'redis-down': { kind: 'process', role: 'cache', action: 'stop' } },
  expect: { reproduced: ['serves-without-redis'], holds: ['durability', 'integrity'] },
  evidence: {
    'serves-without-redis': {
      about: 'while the cache is down every op still succeeds (the runbook: "slower but will continue to serve")',
      all: {
        before: { ops: { before: 'redis-down' }, every: { outcome: 'ok' } },
        during: { ops: { during: 'redis-down' }, every: { outcome: 'ok' } },
      },
    },
    'down-without-redis': {
      about: 'while the cache is down every op gets 503 (a health check on Redis takes the registry down)',
      all: {
        before: { ops: { before: 'redis-down' }, every: { outcome: 'ok' } },
        during: { ops: { during: 'redis-down' }, every: { status: 503 } },
      },
    },
  },
  variants: {
    'health-check': {
      description: 'the registry with a TCP health check on Redis: while Redis is down it answers 503 to every request',
      topology: { registry: { product: 'distribution', version: '2.8', storage: 'filesystem', cache: 'redis', redisHealthCheck: true } },
      expect: { reproduced: ['down-without-redis'], holds: ['durability', 'integrity'] },
    },
  },
});
