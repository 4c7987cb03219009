// Redis as the registry's blob-descriptor cache: no persistence, loopback only.
import { connect } from 'node:net';
import type { Programs } from '../../provision/programs.ts';
import { Component } from '../../runtime/component.ts';

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
    // closed before it answered (a container's published port accepts before the server listens)
    sock.once('close', () => reject(new Error('closed without a reply')));
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
    // in a container it listens on the run's network namespace, reached through a port published on 127.0.0.1 only
    const args = [
      '--bind',
      this.bindHost,
      '--protected-mode',
      this.bindHost === '127.0.0.1' ? 'yes' : 'no',
      '--port',
      String(this.port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--dir',
      this.ctx.dir,
    ];
    const proc = this.spawn('redis', this.ctx.programs.path('redis-server'), args);
    await this.ready(proc, `PING on ${this.endpoint}`, async () => (await redisCommand(this.port, 'PING')) === '+PONG');
  }

  async version(programs: Programs): Promise<string> {
    return /v=(\S+)/.exec(await programs.firstLine('redis-server', ['--version']))?.[1] ?? 'unknown';
  }
}
