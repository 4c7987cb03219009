// A scenario is data: topology + workload + faults + expectations (+ variants). This schema validates it.
import { z } from 'zod';
import { SYMPTOM_NAMES } from '../evidence/symptoms.ts';
import { commandSchema } from '../fuzz/command.ts';
import { layerSpec } from './layer-spec.ts';


const roles = z
  .object({
    'registry-front': z.object({ product: z.literal('nginx') }).strict().optional(),
    registry: z
      .object({
        product: z.literal('distribution'),
        version: z.enum(['2.8', '3']).default('2.8'),
        storage: z.enum(['s3', 'swift', 'filesystem']),
        cache: z.enum(['redis', 'inmemory']).default('inmemory'),
        /** a TCP health check on the Redis cache: when it fails, the registry answers 503 to everything */
        redisHealthCheck: z.boolean().default(false),
      })
      .strict(),
    's3-front': z
      .object({
        product: z.enum(['envoy', 'nginx']),
        /** envoy: stream_idle_timeout (0: none, a stalled request waits forever); nginx: proxy_read_timeout */
        idleTimeoutMs: z.number().int().nonnegative(),
        /** the faultable link that S3 writes take; reads go straight to the object store */
        writesVia: z.string().optional(),
        writeMethods: z.array(z.enum(['PUT', 'POST', 'DELETE'])).nonempty().default(['PUT']),
        /** only writes with a Content-Length from 1 to this - 1 take the link (small files); larger ones go direct */
        writesBelowBytes: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    /** a second registry on its own disk, refreshed from the registry's storage by rsync every syncEveryMs */
    standby: z
      .object({ product: z.literal('distribution'), version: z.literal('2.8').default('2.8'), storage: z.literal('filesystem'), syncEveryMs: z.number().int().positive() })
      .strict()
      .optional(),
    'object-store': z
      .object({
        product: z.enum(['ceph', 'minio', 'swift']),
        /** ceph: two zones, za (where the registry writes) and zb, with RGW sync from za to zb */
        multisite: z.boolean().default(false),
      })
      .strict()
      .optional(),
    cache: z.object({ product: z.literal('redis') }).strict().optional(),
    /** faultable links through the fault proxy; `to` is a role, or role:server for one server (a Swift device) */
    links: z.record(z.object({ from: z.string(), to: z.string() }).strict()).default({}),
  })
  .strict();

const plainStep = z.union([
  z.object({ push: z.object({ images: z.number().int().positive(), layers: z.array(layerSpec).nonempty(), chunked: z.boolean().default(false) }).strict() }).strict(),
  z.object({ pull: z.literal('all') }).strict(),
  z.object({ fault: z.string() }).strict(),
  z.object({ heal: z.string() }).strict(),
  /** commands of the fuzzer, one after the other (a reproducer found by `lab fuzz`) */
  z.object({ commands: z.array(commandSchema).nonempty() }).strict(),
  /** ms to let pass (a health check noticing an outage …); `between` picks a moment from the run's seed */
  z
    .object({
      wait: z.union([
        z.number().int().positive().max(600_000),
        z
          .object({ between: z.tuple([z.number().int().nonnegative(), z.number().int().positive().max(600_000)]) })
          .strict()
          .refine((w) => w.between[0] < w.between[1], 'the first bound must be below the second'),
      ]),
    })
    .strict(),
]);

/** A step, or branches of steps that run at the same time (a fault at a random moment while pushes go on);
 * the step ends when every branch has. */
const step = z.union([plainStep, z.object({ concurrently: z.array(z.array(plainStep).nonempty()).min(2, 'needs at least two branches') }).strict()]);

const fault = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('toxic'),
      link: z.string(),
      toxic: z.enum(['timeout', 'latency', 'bandwidth', 'reset_peer', 'slow_close', 'limit_data', 'slicer']),
      stream: z.enum(['upstream', 'downstream']).default('upstream'),
      toxicity: z.number().min(0).max(1).default(1),
      attributes: z.record(z.number()).default({}),
    })
    .strict(),
  /** the link cut: its proxy disabled, connections refused */
  z.object({ kind: z.literal('link-down'), link: z.string() }).strict(),
  /** one pass of a Swift daemon over its servers, as a healing step */
  z.object({ kind: z.literal('daemon-pass'), daemon: z.enum(['object-updater', 'container-replicator']) }).strict(),
  /** the registry restarted in maintenance read-only mode, until healed */
  z.object({ kind: z.literal('read-only') }).strict(),
  /** the registry's Redis blob-descriptor cache flushed (a one-shot action) */
  z.object({ kind: z.literal('cache-flush') }).strict(),
  /** the registry front switched to the standby, the active registry and its sync job stopped: a disaster
   * failover (one-shot) */
  z.object({ kind: z.literal('failover') }).strict(),
  /** one pass of the standby's sync job now, after the one in progress (a one-shot action) */
  z.object({ kind: z.literal('sync-pass') }).strict(),
  /** the registry moved to zone zb of a multisite object store (a DC switch); one-shot */
  z.object({ kind: z.literal('zone-failover') }).strict(),
  /** wait until zone zb reports its sync caught up with za (one-shot; fails after timeoutMs) */
  z.object({ kind: z.literal('sync-wait'), timeoutMs: z.number().int().positive().default(120_000) }).strict(),
  /** the registry user's quota on the object store set to maxBytes (ceph), lifted on healing */
  z.object({ kind: z.literal('quota'), maxBytes: z.number().int().positive() }).strict(),
  /** the registry restarted on another (new, possibly empty) bucket of its object store; healing switches back */
  z.object({ kind: z.literal('bucket-switch'), bucket: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'an S3 bucket name') }).strict(),
  /** every object of the registry's bucket copied into another bucket (a one-shot action) */
  z.object({ kind: z.literal('bucket-copy'), bucket: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'an S3 bucket name') }).strict(),
  /** a component stopped (started again on healing) or paused (SIGSTOP, resumed with SIGCONT) */
  z.object({ kind: z.literal('process'), role: z.string(), action: z.enum(['stop', 'pause']) }).strict(),
]);

export const CHECKER_NAMES = ['durability', 'integrity', 'liveness', 'honest-errors', 'read-your-writes', 'loss-window'] as const;

const expect = z
  .object({
    /** symptoms that must all be seen for the verdict "reproduced" */
    reproduced: z.array(z.enum(SYMPTOM_NAMES)).default([]),
    /** checkers that must be violated for the verdict "reproduced" (a reproducer of a found violation) */
    violated: z.array(z.enum(CHECKER_NAMES)).default([]),
    /** checkers that must be valid */
    holds: z.array(z.enum(CHECKER_NAMES)).default([]),
  })
  .strict();

const body = {
  topology: roles,
  workload: z.array(step).min(1, 'a workload needs at least one step'),
  faults: z.record(fault).default({}),
  expect,
  /** per op kind, ms after which an op counts as hung */
  bounds: z.record(z.number().int().positive()).default({}),
};

export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    symptom: z.string().min(1),
    source: z.string().min(1),
    ...body,
    /** named overrides: each replaces the top-level fields it gives; topology roles are merged */
    variants: z
      .record(
        z
          .object({
            description: z.string(),
            topology: z.record(z.unknown()).optional(),
            workload: body.workload.optional(),
            faults: z.record(fault).optional(),
            expect: expect.optional(),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Topology = Scenario['topology'];
export type Step = Scenario['workload'][number];
export type PlainStep = z.output<typeof plainStep>;
export type FaultSpec = Scenario['faults'][string];

/** Typed helper for scenario files: `export default scenario({...})` */
export function scenario(s: ScenarioInput): ScenarioInput {
  return s;
}
