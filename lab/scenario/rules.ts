// The rules a scenario keeps beyond its shape, derived from the registries: what each product needs of the
// other roles, that every link is one some product sends traffic over, what each fault kind needs, and that
// the workload names faults that exist (and heals only lasting ones).
import { FAULTS } from '../../faults/index.ts';
import { clausesOf, namesIn } from '../checks/evidence.ts';
import { CHECKS } from '../checks/index.ts';
import type { Need } from '../../faults/fault.ts';
import { fillersOf } from '../products/index.ts';
import type { Requirement } from '../products/product.ts';
import { filled, linksOf, type Filled, type TopologyData } from '../products/topology.ts';
import type { PlainStep, Scenario } from './schema.ts';

/** Where (a path in the scenario) and what is wrong. */
export interface Problem {
  path: string;
  message: string;
}

function requirement(r: Requirement, roles: readonly Filled[]): string | undefined {
  const it = roles.find((f) => f.role === r.role);
  if (!it) return `${r.for} needs the ${r.role} role, and the topology has none`;
  if (!r.capability || it.product.capabilities(it.opts, it.role).includes(r.capability)) return undefined;
  const can = fillersOf(r.role)
    .filter((p) => p !== it.product && p.capabilities({} as never, r.role).includes(r.capability!))
    .map((p) => p.name);
  return `${r.for} needs the ${r.role} to have ${r.capability.name} (${r.capability.about}); ${it.product.name} does not, as configured${can.length ? ` (${can.join(', ')} does)` : ''}`;
}

/** `variant`: a variant may keep a link its scenario faults and route around it (the mitigation); a scenario
 * itself must send traffic over each link it declares. */
function topologyProblems(t: TopologyData, variant: boolean): Problem[] {
  const roles = filled(t);
  const problems: Problem[] = [];
  for (const { role, product, opts } of roles) {
    for (const r of product.requires?.(opts as never, role) ?? []) {
      const m = requirement(r, roles);
      if (m) problems.push({ path: `topology.${role}`, message: m });
    }
    for (const n of product.namesLinks?.(opts as never) ?? [])
      if (!t.links[n.link]) problems.push({ path: `topology.${role}.${n.path}`, message: `no link "${n.link}"` });
  }
  for (const link of linksOf(t)) {
    for (const end of ['from', 'to'] as const) {
      const [role, server] = link[end].split(':');
      const it = roles.find((f) => f.role === role);
      if (!it) {
        problems.push({ path: `topology.links.${link.name}.${end}`, message: `no role "${role}" in the topology` });
        continue;
      }
      const servers = it.product.servers?.(it.opts as never) ?? [];
      if (server !== undefined && !servers.includes(server))
        problems.push({
          path: `topology.links.${link.name}.${end}`,
          message: `${it.product.name} has no server "${server}"${servers.length ? `; it has ${servers.join(', ')}` : ''}`,
        });
    }
    const from = roles.find((f) => f.role === link.from.split(':')[0]);
    if (from && !from.product.links?.wires(link, from.role)) {
      const takes = roles.flatMap((f) => {
        const about = f.product.links?.about(f.role, f.opts as never);
        return about ? [`${about} (${f.product.name})`] : [];
      });
      problems.push({
        path: `topology.links.${link.name}`,
        message: `the lab wires no link ${link.from} → ${link.to}: a fault on it would do nothing; links this topology can take: ${takes.join('; ') || 'none'}`,
      });
    } else if (from?.product.namesLinks && !variant && !from.product.namesLinks(from.opts as never).some((n) => n.link === link.name)) {
      const options = from.product.links?.about(from.role, from.opts as never) ?? '';
      problems.push({
        path: `topology.links.${link.name}`,
        message: `no traffic takes link ${link.name}: a fault on it would do nothing; an option of the ${from.role} must name it (${options})`,
      });
    }
  }
  return problems;
}

function need(n: Need, s: Scenario, roles: readonly Filled[]): Problem | undefined {
  if ('link' in n) return s.topology.links[n.link] ? undefined : { path: n.path, message: `no link "${n.link}"` };
  const m = requirement(n, roles);
  return m ? { path: '', message: m } : undefined;
}

function faultProblems(s: Scenario): Problem[] {
  const roles = filled(s.topology as TopologyData);
  return Object.entries(s.faults).flatMap(([name, spec]) =>
    FAULTS.get(spec.kind)
      .needs(spec as never)
      .flatMap((n) => {
        const p = need(n, s, roles);
        return p ? [{ path: `faults.${name}${p.path ? `.${p.path}` : ''}`, message: p.message }] : [];
      }),
  );
}

function workloadProblems(s: Scenario): Problem[] {
  const defined = `defined: ${Object.keys(s.faults).join(', ') || 'none'}`;
  const check = (name: string, heal: boolean): string | undefined => {
    const spec = s.faults[name];
    if (!spec) return `no fault "${name}"; ${defined}`;
    if (heal && FAULTS.get(spec.kind).shape === 'action') return `${name} is a one-shot ${spec.kind}: there is nothing to heal`;
    return undefined;
  };
  const refs = (step: PlainStep): [string, boolean][] =>
    'fault' in step
      ? [[step.fault, false]]
      : 'heal' in step
        ? [[step.heal, true]]
        : 'commands' in step
          ? step.commands.flatMap((c) => (c.cmd === 'fault' || c.cmd === 'heal' ? [[c.fault, c.cmd === 'heal'] as [string, boolean]] : []))
          : [];
  return s.workload.flatMap((step, i) => {
    const all = 'concurrently' in step ? step.concurrently.flat().flatMap(refs) : refs(step);
    return all.flatMap(([name, heal]) => {
      const m = check(name, heal);
      return m ? [{ path: `workload[${i}]`, message: m }] : [];
    });
  });
}

/** Evidence names no bundled check's name, names faults and clauses that exist; expect names what exists. */
function evidenceProblems(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const faults = `defined: ${Object.keys(s.faults).join(', ') || 'none'}`;
  for (const [name, e] of Object.entries(s.evidence)) {
    if (CHECKS.has(name)) problems.push({ path: `evidence.${name}`, message: `${name} is the name of a bundled check: give the evidence its own` });
    const labels = clausesOf(name, e).map(([l]) => l);
    for (const n of namesIn(name, e)) {
      const at = `evidence.${name}.${n.path}`;
      if (n.fault !== undefined) {
        const spec = s.faults[n.fault];
        if (!spec) problems.push({ path: at, message: `no fault "${n.fault}"; ${faults}` });
        else if (n.path.endsWith('during') && FAULTS.get(spec.kind).shape === 'action')
          problems.push({ path: at, message: `${n.fault} is a one-shot ${spec.kind}: nothing is during it; use before or after` });
      }
      if (n.joins !== undefined && !labels.includes(n.joins) && !s.evidence[n.joins]?.ops && !s.evidence[n.joins]?.events)
        problems.push({ path: at, message: `no clause "${n.joins}" beside it and no single-clause evidence of that name` });
    }
  }
  for (const list of ['reproduced', 'violated', 'holds'] as const)
    for (const [i, n] of s.expect[list].entries())
      if (!s.evidence[n] && !CHECKS.has(n))
        problems.push({
          path: `expect.${list}[${i}]`,
          message: `no evidence or check "${n}"; evidence: ${Object.keys(s.evidence).join(', ') || 'none'}; checks: ${CHECKS.names.join(', ')}`,
        });
  return problems;
}

/** Every problem of a scenario whose shape is valid, in the order a reader meets them. */
export function problems(s: Scenario, variant = false): Problem[] {
  return [...topologyProblems(s.topology as TopologyData, variant), ...faultProblems(s), ...workloadProblems(s), ...evidenceProblems(s)];
}
