// Old event shapes are brought to the current shape when read; the file is never rewritten.
// Each entry names the type, what changed, and turns the old shape into the new one. Registries above the core
// add their own (the fault kinds know which old fault.applied events were one-shot actions).

type Raw = Record<string, unknown>;
export type Upcaster = (raw: Raw) => Raw;

/** Before structured targets, a fault event named its target as text: "fault-proxy/rgw-link",
 * "registry → object-store/registry-restricted", "cache". */
function structuredTargets(raw: Raw): Raw {
  if (typeof raw.target !== 'string' || 'targets' in raw) return raw;
  const { target, ...rest } = raw;
  const [component = '', ...more] = target.split(/ → |\//);
  const inside = more.join('/');
  const t = component === 'fault-proxy' && inside ? { component, link: inside } : { component, ...(inside && { resource: inside }) };
  return { ...rest, targets: [t] };
}

const upcasters: Record<string, Upcaster[]> = {
  'fault.applied': [structuredTargets],
  'fault.healed': [structuredTargets],
};

export function registerUpcaster(type: string, up: Upcaster): void {
  (upcasters[type] ??= []).push(up);
}

export function upcast(raw: Raw): Raw {
  let r = raw;
  // an upcaster may change the type (an old fault.applied becomes a fault.action): follow it
  for (let seen = new Set<string>(); typeof r.type === 'string' && !seen.has(r.type); ) {
    const type = r.type;
    seen.add(type);
    for (const up of upcasters[type] ?? []) r = up(r);
  }
  return r;
}
