// An HTTP-level fault at the s3-front (envoy's fault filter): for a percentage of the requests matching methods
// and a path prefix, an abort with a status (503 answers as S3's SlowDown does) or a delay, until healed. The
// choice is made per request, not per connection, so pooled connections do not escape it; Toxiproxy cannot do
// this (it sees bytes, not requests).
import { z } from 'zod';
import { HTTP_FAULTS, type HttpFaultSetting, type HttpMatch } from '../lab/products/capabilities.ts';
import { lasting, type Plan } from './fault.ts';
import { MAX_MS } from '../lab/core/limits.ts';

const spec = z
  .object({
    percent: z.number().min(0).max(100).describe('the share of matching requests it acts on'),
    methods: z
      .array(z.enum(['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH']))
      .nonempty()
      .optional()
      .describe('only requests of these methods (all when not given)'),
    path: z.string().startsWith('/').optional().describe('only requests whose path starts with it'),
    abort: z.number().int().min(400).max(599).optional().describe('answer with this status instead of passing the request on'),
    delayMs: z.number().int().positive().max(MAX_MS).optional().describe('hold the request this long before passing it on'),
  })
  .strict()
  .refine((s) => (s.abort === undefined) !== (s.delayMs === undefined), 'give abort (a status) or delayMs, one of them');

export interface HttpFaultPlan extends Plan {
  match: HttpMatch;
  setting: HttpFaultSetting;
}

export default lasting({
  name: 'http-fault',
  about: 'an abort with a status, or a delay, for a percentage of the s3-front’s requests matching methods and a path prefix (envoy’s fault filter)',
  spec,
  needs: () => [{ role: 's3-front', capability: HTTP_FAULTS, for: 'an HTTP fault' }],
  plan: (fault, s): HttpFaultPlan => ({
    fault,
    targets: [{ component: 's3-front', resource: [s.methods?.join('|') ?? 'any method', s.path ?? '/'].join(' ') }],
    match: { ...(s.methods && { methods: s.methods }), ...(s.path && { pathPrefix: s.path }) },
    setting: s.abort !== undefined ? { abort: { status: s.abort, percent: s.percent } } : { delay: { ms: s.delayMs!, percent: s.percent } },
  }),
  prepare: (plan, stack) => stack.capable('s3-front', HTTP_FAULTS).addHttpFault(plan.fault, plan.match),
  effect: (plan, stack) => {
    const front = () => stack.capable('s3-front', HTTP_FAULTS);
    return {
      apply: async () => ({ ...plan.setting, runtime: await front().setHttpFault(plan.fault, plan.setting) }),
      heal: async () => ({ runtime: await front().setHttpFault(plan.fault, {}) }),
    };
  },
});
