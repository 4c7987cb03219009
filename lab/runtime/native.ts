// The native launcher: components' programs run as child processes of the lab, listening on 127.0.0.1.
import type { Server } from 'node:net';
import { listen, type Launcher } from './launcher.ts';
import { runOnce, type OneShot, type Ran } from './one-shot.ts';
import { ManagedProcess, type ProcessOptions } from './process.ts';

export class NativeLauncher implements Launcher {
  readonly runtime = 'native';
  readonly bindHost = '127.0.0.1';

  async open(): Promise<void> {}

  spawn(_component: string, opts: ProcessOptions): ManagedProcess {
    return new ManagedProcess(opts);
  }

  close(): void {}

  retire(): void {}

  serve(server: Server, port: number): Promise<void> {
    return listen(server, { port, host: '127.0.0.1' });
  }

  runOnce(runDir: string, o: OneShot): Promise<Ran> {
    return runOnce(runDir, o);
  }

  async [Symbol.asyncDispose](): Promise<void> {}
}
