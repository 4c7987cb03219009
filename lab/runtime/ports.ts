// Ports on 127.0.0.1, allocated by binding to them, never handed out twice by one lab process (runs of a suite
// may start side by side).
import { createServer } from 'node:net';

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: '127.0.0.1', port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function ephemeral(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** every port this process handed out */
const given = new Set<number>();

export class PortAllocator {
  private readonly taken = new Set<number>();
  private readonly internal = new Set<number>();

  /** the ports the lab itself connects to (in containers, the ones published on the host) */
  get reached(): number[] {
    return [...this.taken].filter((p) => !this.internal.has(p));
  }

  /** A free port; `internal` when only the components talk to it (a Ceph mon, MinIO's console). */
  async one(internal = false): Promise<number> {
    for (;;) {
      const port = await ephemeral();
      if (!given.has(port)) {
        given.add(port);
        this.taken.add(port);
        if (internal) this.internal.add(port);
        return port;
      }
    }
  }

  /** `count` consecutive free ports that only the components use (Ceph daemons bind inside a range). */
  async range(count: number): Promise<{ min: number; max: number }> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const min = 20000 + Math.floor(Math.random() * (30000 - count));
      const ports = Array.from({ length: count }, (_, i) => min + i);
      if (ports.some((p) => given.has(p))) continue;
      if ((await Promise.all(ports.map(bindable))).every(Boolean) && !ports.some((p) => given.has(p))) {
        for (const p of ports) {
          given.add(p);
          this.taken.add(p);
          this.internal.add(p);
        }
        return { min, max: min + count - 1 };
      }
    }
    throw new Error(`no ${count} consecutive free ports on 127.0.0.1`);
  }
}
