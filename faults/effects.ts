// The effect for each fault a scenario defines, bound to the running stack.
import type { Toxiproxy } from '../lab/components/toxiproxy.ts';
import type { Stack } from '../lab/runtime/stack.ts';
import type { Scenario } from '../lab/scenario/schema.ts';
import { FAULT_PROXY } from '../lab/topology.ts';
import type { FaultEffect } from './fault.ts';
import { planToxic, ToxicEffect } from './toxic.ts';

export function faultEffects(scenario: Scenario, stack: Stack): Map<string, FaultEffect> {
  const effects = new Map<string, FaultEffect>();
  for (const [name, spec] of Object.entries(scenario.faults)) {
    if (spec.kind === 'toxic') effects.set(name, new ToxicEffect(planToxic(name, spec), (stack.get(FAULT_PROXY) as Toxiproxy).client));
  }
  return effects;
}
