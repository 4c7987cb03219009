// Redis as the registry's blob-descriptor cache: no persistence, loopback only.
import { connect } from 'node:net';
import type { Programs } from '../../provision/programs.ts';
import { Component, firstLine } from '../../runtime/component.ts';

/** Sends one inline command and returns the first reply line. */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: '127.0.0.1', port }, () => sock.write(command + '\r\n'));
    sock.setTimeout(1000, () => sock.destroy(new Error('timeout')));
    sock.once('data', (d) => {
      resolve(d.toString().split('\r\n')[0] ?? '');
      sock.end();
    });
    sock.once('error', reject);
  });
}

export class Redis extends Component {
  readonly product = 'redis';
  /** host:port, as Distribution's redis.addr wants it */
  override get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** FLUSHALL: the blob-descriptor cache forgets everything. */
  flush(): Promise<string> {
    return redisCommand(this.port, 'FLUSHALL');
  }

  protected async launch(): Promise<void> {
    const args = ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', this.ctx.dir];
    const proc = this.spawn('redis', this.ctx.programs.path('redis-server'), args);
    await this.ready(proc, `PING on ${this.endpoint}`, async () => (await redisCommand(this.port, 'PING')) === '+PONG');
  }

  async version(programs: Programs): Promise<string> {
    return /v=(\S+)/.exec(await firstLine(programs.path('redis-server'), ['--version']))?.[1] ?? 'unknown';
  }
}
