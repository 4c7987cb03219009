// A component's processes stopped (SIGTERM, then started again on healing) or paused (SIGSTOP, SIGCONT).
import type { Component } from '../lab/runtime/component.ts';
import type { Applied, FaultEffect } from './fault.ts';

export type ProcessAction = 'stop' | 'pause';

export class ProcessEffect implements FaultEffect {
  readonly kind = 'process';

  constructor(
    readonly name: string,
    readonly action: ProcessAction,
    private readonly component: Component,
  ) {}

  async apply(): Promise<Applied> {
    if (this.action === 'stop') await this.component.stop();
    else this.component.pause(true);
    return { target: this.component.role, detail: { action: this.action } };
  }

  async heal(): Promise<Applied> {
    if (this.action === 'stop') await this.component.restart();
    else this.component.pause(false);
    return { target: this.component.role, detail: { action: this.action === 'stop' ? 'start' : 'resume' } };
  }
}
