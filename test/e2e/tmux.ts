// Drives a command in a detached tmux session of a given size: send keys, read the screen.
import { execFileSync } from 'node:child_process';

const SOCKET = ['-L', 'registry-lab-test'];
const tmux = (...args: string[]) => execFileSync('tmux', [...SOCKET, ...args], { encoding: 'utf8' });

export class Tmux {
  private static next = 0;
  readonly name = `lab-${process.pid}-${Tmux.next++}`;

  constructor(command: string, width = 80, height = 24) {
    tmux('new-session', '-d', '-s', this.name, '-x', String(width), '-y', String(height), command);
  }

  screen(): string {
    return tmux('capture-pane', '-p', '-t', this.name);
  }

  /** tmux key names (Right, Enter, Space) or literal text */
  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  /** the PID of the command in the pane */
  pid(): number {
    return Number(tmux('display-message', '-p', '-t', this.name, '#{pane_pid}').trim());
  }

  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (Date.now() > deadline) throw new Error(`no ${pattern} on screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  kill(): void {
    try {
      tmux('kill-session', '-t', this.name);
    } catch {
      /* already gone */
    }
  }
}
