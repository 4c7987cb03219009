// The run's facts. Every line of events.ndjson is one of these, validated on read.
import { z } from 'zod';

const OUTCOMES = ['ok', 'fail', 'info'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const envelope = {
  seq: z.number().int().nonnegative(),
  /** ms since the run started, monotonic */
  t: z.number().nonnegative(),
  /** wall clock, ISO 8601 */
  at: z.string(),
};

const json = z.record(z.unknown());

/** What a fault acted on: a component (by role), a link of the fault proxy, or a resource inside a component
 * (a bucket, a zone, a setting). */
const targetSchema = z.object({ component: z.string(), link: z.string().optional(), resource: z.string().optional() });
export type Target = z.infer<typeof targetSchema>;

/** "fault-proxy/rgw-link", "registry/maintenance.readonly" */
export const targetText = (t: Target) => [t.component, t.link, t.resource].filter(Boolean).join('/');

const fault = { fault: z.string(), kind: z.string(), targets: z.array(targetSchema) };

export const eventSchema = z.discriminatedUnion('type', [
  z.object({
    ...envelope,
    type: z.literal('run.started'),
    runId: z.string(),
    scenario: z.string(),
    variant: z.string().optional(),
    seed: z.number().int(),
    mode: z.enum(['scenario', 'up', 'fuzz']),
  }),
  z.object({ ...envelope, type: z.literal('run.finished'), outcome: z.string() }),
  z.object({ ...envelope, type: z.literal('phase'), name: z.string() }),
  z.object({
    ...envelope,
    type: z.literal('provision'),
    program: z.string(),
    action: z.enum(['present', 'installed']),
    via: z.string(),
    version: z.string().optional(),
  }),
  z.object({
    ...envelope,
    type: z.literal('component.starting'),
    component: z.string(),
    product: z.string(),
    pid: z.number().int(),
    argv: z.array(z.string()),
  }),
  z.object({ ...envelope, type: z.literal('component.ready'), component: z.string(), product: z.string(), endpoint: z.string(), ms: z.number() }),
  z.object({
    ...envelope,
    type: z.literal('component.exited'),
    component: z.string(),
    product: z.string(),
    pid: z.number().int(),
    code: z.number().int().nullable(),
    signal: z.string().nullable(),
    expected: z.boolean(),
  }),
  z.object({
    ...envelope,
    type: z.literal('component.log'),
    component: z.string(),
    product: z.string(),
    /** the host it was logged on (imported logs) */
    host: z.string().optional(),
    level: z.enum(['info', 'warn', 'error']),
    line: z.string(),
  }),
  /** One HTTP request as a component's own access log recorded it. */
  z.object({
    ...envelope,
    type: z.literal('access'),
    component: z.string(),
    product: z.string(),
    /** the host it was logged on (imported logs) */
    host: z.string().optional(),
    method: z.string(),
    path: z.string(),
    status: z.number().int(),
    /** envoy response flags (e.g. "SI"); "-" or absent when none */
    flags: z.string().optional(),
    /** where a proxy sent the request (envoy cluster, nginx upstream) */
    upstream: z.string().optional(),
    durationMs: z.number().optional(),
    /** body bytes received from the client and sent to it, where the log says */
    bytesIn: z.number().optional(),
    bytesOut: z.number().optional(),
  }),
  z.object({ ...envelope, type: z.literal('op.invoke'), op: z.number().int(), kind: z.string(), args: json }),
  z.object({
    ...envelope,
    type: z.literal('op.complete'),
    op: z.number().int(),
    kind: z.string(),
    outcome: z.enum(OUTCOMES),
    value: json.optional(),
    error: z.string().optional(),
    status: z.number().int().optional(),
  }),
  /** One HTTP exchange made by the lab's own client, inside an op. */
  z.object({
    ...envelope,
    type: z.literal('http'),
    op: z.number().int(),
    method: z.string(),
    path: z.string(),
    status: z.number().int().optional(),
    ms: z.number(),
    sent: z.number().int(),
    received: z.number().int(),
    error: z.string().optional(),
  }),
  /** A lasting fault applied, and healed: the window between the two is when it acted. */
  z.object({ ...envelope, type: z.literal('fault.applied'), ...fault, detail: json }),
  z.object({ ...envelope, type: z.literal('fault.healed'), ...fault, detail: json }),
  /** A one-shot action (a cache flush, a failover, a daemon pass): done once, nothing to heal. */
  z.object({ ...envelope, type: z.literal('fault.action'), ...fault, detail: json }),
  /** An effect that threw: the fault did not take effect (or its healing did not); the run goes on. */
  z.object({ ...envelope, type: z.literal('fault.failed'), ...fault, step: z.enum(['apply', 'heal', 'act']), error: z.string() }),
  /** One pass of a replication job (rsync from the active registry's storage to the standby's): its start, and
   * its end with what it copied; a pass cut short (the job stopped, rsync failed) ends with ok false. */
  z.object({
    ...envelope,
    type: z.literal('sync'),
    component: z.string(),
    pass: z.number().int(),
    step: z.enum(['start', 'end']),
    ok: z.boolean().optional(),
    files: z.number().int().optional(),
    bytes: z.number().int().optional(),
    ms: z.number().optional(),
    error: z.string().optional(),
  }),
  /** A secondary zone's replication status as radosgw-admin reported it, recorded when it changes. */
  z.object({
    ...envelope,
    type: z.literal('replication'),
    component: z.string(),
    zone: z.string(),
    caughtUp: z.boolean(),
    behindShards: z.number().int().optional(),
    error: z.string().optional(),
  }),
  z.object({ ...envelope, type: z.literal('verdict'), verdict: z.string(), exitCode: z.number().int() }),
  /** a case of `lab fuzz` starting or ending; `shrink` counts the shrink steps before it (0 while searching) */
  z.object({
    ...envelope,
    type: z.literal('fuzz.case'),
    case: z.number().int(),
    step: z.enum(['start', 'end']),
    shrink: z.number().int(),
    outcome: z.enum(['pass', 'fail']).optional(),
    commands: z.array(z.string()).optional(),
    error: z.string().optional(),
  }),
]);

export type LabEvent = z.infer<typeof eventSchema>;
export type EventType = LabEvent['type'];
export type EventOf<T extends EventType> = Extract<LabEvent, { type: T }>;
/** What a producer hands to the log: the log adds seq, t and at. */
export type NewEvent = LabEvent extends infer E ? (E extends LabEvent ? Omit<E, 'seq' | 't' | 'at'> : never) : never;
