// The fault kinds the fuzzer can apply: each a Toxiproxy toxic on a faultable link, as scenario data.
import type { FaultSpec } from '../scenario/schema.ts';

type Toxic = Extract<FaultSpec, { kind: 'toxic' }>['toxic'];

const ATTRIBUTES: Record<Toxic, Record<string, number>> = {
  timeout: { timeout: 0 },
  latency: { latency: 1000, jitter: 0 },
  bandwidth: { rate: 16 },
  reset_peer: { timeout: 0 },
  slow_close: { delay: 1000 },
  limit_data: { bytes: 1024 },
  slicer: { average_size: 64, size_variation: 32, delay: 10 },
};

export const FAULT_KINDS = Object.keys(ATTRIBUTES) as Toxic[];

/** "timeout" on link rgw-link → fault "timeout@rgw-link" */
export function faultSpecs(kinds: readonly string[], links: readonly string[]): Record<string, FaultSpec> {
  const specs: Record<string, FaultSpec> = {};
  for (const kind of kinds) {
    if (!(kind in ATTRIBUTES)) throw new Error(`unknown fault kind "${kind}"; known: ${FAULT_KINDS.join(', ')}`);
    for (const link of links) specs[`${kind}@${link}`] = { kind: 'toxic', link, toxic: kind as Toxic, stream: 'upstream', toxicity: 1, attributes: ATTRIBUTES[kind as Toxic] };
  }
  return specs;
}
