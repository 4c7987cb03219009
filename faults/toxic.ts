// A Toxiproxy toxic on a faultable link. timeout with timeout 0 on the upstream stream: the request bytes are
// swallowed and nothing ever answers. Each toxic type takes its own attributes, with their units and ranges.
import { z } from 'zod';
import type { Toxic } from '../lab/clients/toxiproxy.ts';
import { FAULT_PROXY } from '../lab/products/capabilities.ts';
import { lasting, type Plan } from './fault.ts';
import { MAX_MS } from '../lab/core/limits.ts';

const ms = z.number().int().nonnegative().max(MAX_MS);
const bytes = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 40);

/** Toxiproxy 2.12's toxic types and their attributes (ms unless named otherwise). */
const ATTRIBUTES = {
  latency: { latency: ms, jitter: ms },
  bandwidth: {
    /** KB/s */ rate: z
      .number()
      .int()
      .nonnegative()
      .max(10 ** 9),
  },
  slow_close: { delay: ms },
  timeout: { timeout: ms },
  reset_peer: { timeout: ms },
  /** sizes in bytes, delay in µs */
  slicer: {
    average_size: bytes,
    size_variation: bytes,
    delay: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_MS * 1000),
  },
  limit_data: { bytes },
} as const;

type ToxicType = keyof typeof ATTRIBUTES;
const TYPES = Object.keys(ATTRIBUTES) as [ToxicType, ...ToxicType[]];

const spec = z
  .object({
    link: z.string().describe('the faultable link, by its name in topology.links'),
    toxic: z.enum(TYPES).describe("Toxiproxy's toxic type"),
    stream: z.enum(['upstream', 'downstream']).default('upstream').describe('upstream: what the client sends; downstream: what comes back'),
    toxicity: z.number().min(0).max(1).default(1).describe('the share of connections it acts on'),
    attributes: z
      .record(z.number())
      .default({})
      .describe(
        `the toxic's attributes: ${Object.entries(ATTRIBUTES)
          .map(([t, a]) => `${t}: ${Object.keys(a).join(', ')}`)
          .join('; ')} (ms, except rate in KB/s, sizes in bytes, slicer's delay in µs)`,
      ),
  })
  .strict()
  .superRefine((s, ctx) => {
    const parsed = z.object(ATTRIBUTES[s.toxic]).partial().strict().safeParse(s.attributes);
    if (parsed.success) return;
    const issue = parsed.error.issues[0]!;
    const message =
      issue.code === 'unrecognized_keys'
        ? `${s.toxic} has no attribute ${issue.keys.join(', ')}; it takes ${Object.keys(ATTRIBUTES[s.toxic]).join(', ')}`
        : issue.message;
    ctx.addIssue({ code: 'custom', path: ['attributes', ...issue.path], message });
  });

export interface ToxicPlan extends Plan {
  proxy: string;
  toxic: Toxic;
}

/** The toxics the fuzzer applies, by type, each with attributes that break something. */
export const TOXIC_PRESETS: Record<ToxicType, Record<string, number>> = {
  timeout: { timeout: 0 },
  latency: { latency: 1000, jitter: 0 },
  bandwidth: { rate: 16 },
  reset_peer: { timeout: 0 },
  slow_close: { delay: 1000 },
  limit_data: { bytes: 1024 },
  slicer: { average_size: 64, size_variation: 32, delay: 10 },
};

/** A toxic fault of a preset type on a link, as a scenario would write it. */
export function toxicSpec(type: string, link: string) {
  if (!(type in TOXIC_PRESETS)) throw new Error(`unknown toxic "${type}"; known: ${TYPES.join(', ')}`);
  return { kind: 'toxic', link, toxic: type as ToxicType, stream: 'upstream', toxicity: 1, attributes: TOXIC_PRESETS[type as ToxicType] } as const;
}

export default lasting({
  name: 'toxic',
  about: 'a Toxiproxy toxic on a faultable link (latency, a stall, a reset …) until healed',
  spec,
  needs: (s) => [{ link: s.link, path: 'link' }],
  plan: (fault, s): ToxicPlan => ({
    fault,
    targets: [{ component: 'fault-proxy', link: s.link }],
    proxy: s.link,
    toxic: { name: `lab-${fault}`, type: s.toxic, stream: s.stream, toxicity: s.toxicity, attributes: s.attributes },
  }),
  script: (plan) => ({ apply: ['toxic_add', plan.proxy, JSON.stringify(plan.toxic)], heal: ['toxic_remove', plan.proxy, plan.toxic.name] }),
  effect: (plan, stack) => {
    const toxiproxy = () => stack.capable('fault-proxy', FAULT_PROXY).client;
    return {
      async apply() {
        const stored = await toxiproxy().addToxic(plan.proxy, plan.toxic);
        const proxy = await toxiproxy().proxy(plan.proxy);
        return { toxic: stored, listen: proxy.listen, upstream: proxy.upstream };
      },
      async heal() {
        await toxiproxy().removeToxic(plan.proxy, plan.toxic.name);
        const proxy = await toxiproxy().proxy(plan.proxy);
        return { removed: plan.toxic.name, remaining: proxy.toxics.map((t) => t.name) };
      },
    };
  },
});
