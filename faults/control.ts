// The faults of one run, bound to its running stack: applying, healing or doing one records what the effect
// did, or, when the effect throws, fault.failed with the error; the run goes on to its verdict either way.
import type { EventLog } from '../lab/core/events/log.ts';
import type { LabLog } from '../lab/core/lab-log.ts';
import type { Stack } from '../lab/runtime/stack.ts';
import type { Action, FaultKind, Lasting, Plan } from './fault.ts';
import { FAULTS } from './index.ts';

interface Bound {
  kind: FaultKind;
  plan: Plan;
  effect?: Lasting | Action;
}

export type Outcome = { ok: true } | { ok: false; error: string };

export class FaultControl {
  private readonly bound = new Map<string, Bound>();

  /** `specs`: the scenario's faults by name, as validated. */
  constructor(
    specs: Readonly<Record<string, { kind: string } & Record<string, unknown>>>,
    private readonly stack: Stack,
    private readonly events: EventLog,
    private readonly log: LabLog,
  ) {
    for (const [name, spec] of Object.entries(specs)) {
      const kind = FAULTS.get(spec.kind);
      this.bound.set(name, { kind, plan: kind.plan(name, spec) });
    }
  }

  get names(): string[] {
    return [...this.bound.keys()];
  }

  /** Before the stack starts: what the plans need configured. */
  prepare(): void {
    for (const { kind, plan } of this.bound.values()) kind.prepare?.(plan, this.stack);
  }

  isAction(name: string): boolean {
    return this.get(name).kind.shape === 'action';
  }

  private get(name: string): Bound {
    const b = this.bound.get(name);
    if (!b) throw new Error(`no fault "${name}"; defined: ${this.names.join(', ') || 'none'}`);
    return b;
  }

  private effect(b: Bound): Lasting | Action {
    b.effect ??= b.kind.effect(b.plan as never, this.stack);
    return b.effect;
  }

  /** Applies a lasting fault, or does an action. */
  apply(name: string): Promise<Outcome> {
    const b = this.get(name);
    const e = this.effect(b);
    return 'run' in e ? this.record(b, 'act', () => e.run()) : this.record(b, 'apply', () => e.apply());
  }

  /** Heals a lasting fault; an action has nothing to heal. */
  heal(name: string): Promise<Outcome> {
    const b = this.get(name);
    const e = this.effect(b);
    if ('run' in e) return Promise.resolve({ ok: false, error: `${name} is a one-shot ${b.kind.name}: there is nothing to heal` });
    return this.record(b, 'heal', () => e.heal());
  }

  private async record(b: Bound, step: 'apply' | 'heal' | 'act', run: () => Promise<Record<string, unknown>>): Promise<Outcome> {
    const fact = { fault: b.plan.fault, kind: b.kind.name, targets: b.plan.targets };
    this.log.info({ ...fact, step }, 'fault');
    try {
      const detail = await run();
      this.events.append({ type: step === 'apply' ? 'fault.applied' : step === 'heal' ? 'fault.healed' : 'fault.action', ...fact, detail });
      return { ok: true };
    } catch (e) {
      const error = (e as Error).message;
      this.log.error({ ...fact, step, err: error }, 'fault effect failed');
      this.events.append({ type: 'fault.failed', ...fact, step, error });
      return { ok: false, error };
    }
  }
}
