// How a component's programs run: natively (child processes of installed programs) or in containers (the same
// programs in images built here, on one network per run). One component definition, two launchers: a component
// asks its launcher to spawn a long-running program or run a one-shot command, and listens on its bindHost.
import type { Server } from 'node:net';
import type { Runtime } from '../core/run-files.ts';
import type { OneShot, Ran } from './one-shot.ts';
import type { ManagedProcess, ProcessOptions } from './process.ts';

/** A server listening, or the error that kept it from listening. */
export function listen(server: Server, at: { port: number; host: string } | { path: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export interface Launcher extends AsyncDisposable {
  readonly runtime: Runtime;
  /** the address servers listen on: 127.0.0.1 natively; in containers every interface of the run's network
   * namespace, whose ports are published on the host's 127.0.0.1 only */
  readonly bindHost: string;
  /** Called once every port is allocated, before any component starts, with those the lab connects to. */
  open(ports: readonly number[]): Promise<void>;
  /** A long-running program of a component (`component` is its role). */
  spawn(component: string, opts: ProcessOptions): ManagedProcess;
  /** Called as the stack begins to stop: the lab connects to the components no more. */
  close(): void;
  /** Called once a component has stopped: what the launcher kept for it goes. */
  retire(component: string): void;
  /** Makes a server of the lab itself (MinIO's audit receiver) reachable from the components at 127.0.0.1:port. */
  serve(server: Server, port: number): Promise<void>;
  /** A one-shot command of a component, run where its programs are. */
  runOnce(runDir: string, o: OneShot): Promise<Ran>;
}
