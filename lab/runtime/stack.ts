// The running components of a topology. All ports are allocated before anything starts, so every config can
// name its peers; then each component starts once the components it depends on are ready.
// Teardown goes in waves: dependants first (registry-front, registry …), the object store last.
import { ComponentError } from '../core/errors.ts';
import type { Capability } from './capability.ts';
import type { Component, RunContext } from './component.ts';
import type { Launcher } from './launcher.ts';
import { PortAllocator } from './ports.ts';
import type { Programs } from '../provision/programs.ts';

export interface Member {
  component: Component;
  /** the product filling the role, and what it can do */
  product: string;
  capabilities: readonly Capability<unknown>[];
  dependsOn: string[];
}

export class Stack {
  private launcher: Launcher | undefined;

  constructor(readonly members: ReadonlyMap<string, Member>) {}

  get(role: string): Component {
    const m = this.members.get(role);
    if (!m) throw new ComponentError(role, 'no component fills this role');
    return m.component;
  }

  has(role: string): boolean {
    return this.members.has(role);
  }

  /** A role's component as a capability its product declares. */
  capable<T>(role: string, capability: Capability<T>): Component & T {
    const m = this.members.get(role);
    if (!m) throw new ComponentError(role, `no component fills this role (wanted: ${capability.name})`);
    if (!m.capabilities.includes(capability as Capability<unknown>)) throw new ComponentError(role, `${m.product} has no ${capability.name} capability`);
    return m.component as Component & T;
  }

  async start(ctx: Omit<RunContext, 'peer' | 'capable'>): Promise<void> {
    this.launcher = ctx.launcher;
    const ports = new PortAllocator();
    for (const m of this.members.values()) await m.component.allocate(ports);
    await ctx.launcher.open(ports.reached);
    const full: RunContext = { ...ctx, peer: (role) => this.get(role), capable: (role, c) => this.capable(role, c) };
    // each component starts as soon as the components it depends on are ready (the swift driver, for one,
    // panics when its storage does not answer at start-up); independent ones start together
    const ready = new Map<string, Promise<void>>();
    const startOf = (role: string): Promise<void> => {
      if (!ready.has(role)) {
        const m = this.members.get(role)!;
        ready.set(
          role,
          Promise.all(m.dependsOn.filter((d) => this.members.has(d)).map(startOf)).then(() => m.component.start(full)),
        );
      }
      return ready.get(role)!;
    };
    const results = await Promise.allSettled([...this.members.keys()].map(startOf));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Roles grouped by depth: a role's dependants are in a later wave than the role itself. */
  private waves(): string[][] {
    const depth = new Map<string, number>();
    const visit = (role: string, seen: string[] = []): number => {
      if (depth.has(role)) return depth.get(role)!;
      if (seen.includes(role)) throw new Error(`dependency cycle: ${[...seen, role].join(' → ')}`);
      const deps = (this.members.get(role)?.dependsOn ?? []).filter((d) => this.members.has(d));
      const d = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((x) => visit(x, [...seen, role])));
      depth.set(role, d);
      return d;
    };
    for (const role of this.members.keys()) visit(role);
    const waves: string[][] = [];
    for (const [role, d] of depth) (waves[d] ??= []).push(role);
    return waves.filter(Boolean);
  }

  async stop(graceMs = 5000): Promise<void> {
    const launcher = this.launcher;
    if (!launcher) return;
    launcher.close();
    for (const wave of this.waves().reverse())
      await Promise.all(
        wave.map(async (r) => {
          await this.get(r).stop(graceMs);
          launcher.retire(r);
        }),
      );
  }

  async versions(programs: Programs): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    await Promise.all([...this.members.values()].map(async ({ component: c }) => (out[c.product] = await c.version(programs).catch(() => 'unknown'))));
    return out;
  }

  endpoints(): Record<string, string> {
    return Object.fromEntries([...this.members].map(([role, m]) => [role, m.component.endpoint]));
  }

  products(): Record<string, string> {
    return Object.fromEntries([...this.members].map(([role, m]) => [role, m.product]));
  }
}
