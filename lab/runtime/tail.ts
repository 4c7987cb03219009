// Follows a log file a program writes itself (nginx's access log): new complete lines go to onLine.
import { closeSync, openSync, readSync } from 'node:fs';

export class FileTail {
  private offset = 0;
  private rest = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly file: string,
    private readonly onLine: (line: string) => void,
  ) {}

  /** Starts polling; a tail already running goes on as it is. */
  start(intervalMs = 100): this {
    this.timer ??= setInterval(() => this.poll(), intervalMs);
    return this;
  }

  /** Reads what is new; called by the timer and once more at the end. */
  poll(): void {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return;
    }
    try {
      const buf = Buffer.alloc(1 << 16);
      for (let n = readSync(fd, buf, 0, buf.length, this.offset); n > 0; n = readSync(fd, buf, 0, buf.length, this.offset)) {
        this.offset += n;
        const lines = (this.rest + buf.toString('utf8', 0, n)).split('\n');
        this.rest = lines.pop() ?? '';
        for (const l of lines) if (l) this.onLine(l);
      }
    } finally {
      closeSync(fd);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.poll();
  }
}
