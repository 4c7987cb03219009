// OpenStack Swift as the object store: memcached (tempauth's token cache, started first), one account server,
// three container and three object servers (one device each, three replicas) and a proxy with tempauth.
// Ring devices point at the fault proxy's listener for a server when a link targets it (`object-store:c3`),
// so any replica can be faulted; replication goes straight to the servers. The object-updater and the
// container-replicator run only when asked (they are what heals Swift's eventual consistency).
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ringScript, swiftProxyConf, swiftServerConf, type SwiftServer } from '../../../fixtures/config/swift.ts';
import { ComponentError } from '../../core/errors.ts';
import type { NewEvent } from '../../core/events/schema.ts';
import type { Programs } from '../../provision/programs.ts';
import { Component } from '../../runtime/component.ts';
import type { PortAllocator } from '../../runtime/ports.ts';
import { httpOk } from '../../runtime/ready.ts';
import { FAULT_PROXY, type Daemon } from '../capabilities.ts';
import { swiftLine } from './log.ts';

/** Its servers: one account, three container and three object servers, each on one device of its name. */
export const SERVERS = [
  ['account', 'a1'],
  ['container', 'c1'],
  ['container', 'c2'],
  ['container', 'c3'],
  ['object', 'o1'],
  ['object', 'o2'],
  ['object', 'o3'],
] as const;

export class Swift extends Component {
  readonly product = 'swift';
  readonly user = 'test:tester';
  readonly key = randomBytes(12).toString('hex');
  readonly container = 'registry';
  private memcachePort = 0;
  private readonly ports = new Map<string, number>();

  /** links.<name>.to = `${role}:${device}`: the devices whose ring entry goes through the fault proxy */
  constructor(
    role: string,
    private readonly faulted: ReadonlyMap<string, { proxy: string; link: string }> = new Map(),
    private readonly errorSuppressionS = 60,
  ) {
    super(role);
  }

  override async allocate(ports: PortAllocator): Promise<void> {
    this.port = await ports.one();
    this.memcachePort = await ports.one();
    for (const [, dev] of SERVERS) this.ports.set(dev, await ports.one());
  }

  override portOf(name?: string): number {
    if (name === undefined) return this.port;
    const p = this.ports.get(name);
    if (p === undefined) throw new Error(`swift has no server ${name}`);
    return p;
  }

  get authUrl(): string {
    return `${this.endpoint}/auth/v1.0`;
  }

  private get dir(): string {
    return join(this.ctx.dir, this.role);
  }

  private servers(): SwiftServer[] {
    return SERVERS.map(([type, dev]) => {
      const f = this.faulted.get(dev);
      const ringPort = f ? this.ctx.capable(f.proxy, FAULT_PROXY).linkPort(f.link) : this.portOf(dev);
      return { type, dev, port: this.portOf(dev), ringPort };
    });
  }

  protected override parseLine(line: string): NewEvent[] {
    return swiftLine(line, this.role);
  }

  protected async launch(): Promise<void> {
    const d = this.dir;
    const servers = this.servers();
    for (const s of servers) {
      this.makeDirs(join(d, 'srv', s.dev, s.dev), join(d, 'cache', s.dev));
      this.render(join(d, 'etc', `${s.type}-${s.dev}.conf`), swiftServerConf(s, d, this.bindHost));
    }
    this.render(
      join(d, 'etc', 'proxy-server.conf'),
      swiftProxyConf({
        port: this.port,
        bind: this.bindHost,
        dir: d,
        memcachePort: this.memcachePort,
        key: this.key,
        errorSuppressionS: this.errorSuppressionS,
      }),
    );
    this.render(join(d, 'etc', 'rings.py'), ringScript(join(d, 'etc'), servers));
    await this.run(this.ctx.programs.path('python3'), [join(d, 'etc', 'rings.py')]);

    // tempauth keeps tokens in memcached; a proxy that found it down keeps it error-limited for 60 s
    const memcached = this.spawn('memcached', this.ctx.programs.path('memcached'), [
      '-l',
      this.bindHost,
      '-p',
      String(this.memcachePort),
      '-U',
      '0',
      '-m',
      '64',
      '-u',
      'root',
    ]);
    await this.ready(memcached, `memcached on ${this.memcachePort}`, () => memcachedAnswers(this.memcachePort));
    const procs = servers.map((s) => this.spawn(s.dev, this.ctx.programs.path(`swift-${s.type}-server`), [join(d, 'etc', `${s.type}-${s.dev}.conf`), '-v']));
    const proxy = this.spawn('proxy', this.ctx.programs.path('swift-proxy-server'), [join(d, 'etc', 'proxy-server.conf'), '-v']);
    await Promise.all(
      servers.map((s, i) => this.ready(procs[i]!, `${s.type} server ${s.dev}`, () => httpOk(`http://127.0.0.1:${s.port}/healthcheck`, (st) => st === 200))),
    );
    await this.ready(proxy, `tempauth on ${this.authUrl}`, async () => (await this.token()) !== null, 60_000);
    const auth = (await this.token())!;
    const res = await fetch(`${auth.url}/${this.container}`, { method: 'PUT', headers: { 'x-auth-token': auth.token } });
    if (res.status >= 300) throw new ComponentError(this.role, `creating container ${this.container}: HTTP ${res.status}`);
  }

  /** A tempauth token and storage URL, or null while Swift does not answer. */
  async token(): Promise<{ token: string; url: string } | null> {
    const res = await fetch(this.authUrl, { headers: { 'x-auth-user': this.user, 'x-auth-key': this.key }, signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    const token = res.headers.get('x-auth-token');
    const url = res.headers.get('x-storage-url');
    return res.status === 200 && token && url ? { token, url } : null;
  }

  /** Every object of the registry's container deleted: a bulk delete of each page of its listing (a listing
   * that still names deleted objects ends it). */
  async flush(): Promise<string> {
    const auth = await this.token();
    if (!auth) throw new ComponentError(this.role, `no token from ${this.authUrl}`);
    const headers = { 'x-auth-token': auth.token, accept: 'application/json' };
    let deleted = 0;
    for (;;) {
      const list = await fetch(`${auth.url}/${this.container}?format=json&limit=10000`, { headers });
      const text = await list.text();
      if (list.status >= 300) throw new ComponentError(this.role, `listing container ${this.container}: HTTP ${list.status}`);
      const names = text ? (JSON.parse(text) as { name: string }[]).map((o) => o.name) : [];
      if (names.length === 0) break;
      const body = names.map((n) => `/${this.container}/${encodeURIComponent(n)}`).join('\n');
      const res = await fetch(`${auth.url}?bulk-delete`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body });
      const done = (await res.json().catch(() => ({}))) as { 'Number Deleted'?: number; 'Response Status'?: string };
      if (res.status >= 300 || done['Number Deleted'] === undefined)
        throw new ComponentError(this.role, `bulk delete in ${this.container}: HTTP ${res.status} ${done['Response Status'] ?? ''}`.trim());
      deleted += done['Number Deleted'];
      if (done['Number Deleted'] === 0) break;
    }
    return `${deleted} objects deleted`;
  }

  /** One pass of a Swift daemon over every server of its kind: what heals its eventual consistency. */
  async runOnce(daemon: Daemon): Promise<string> {
    const type = daemon.split('-')[0]!;
    const outs = await Promise.all(
      SERVERS.filter(([t]) => t === type).map(([t, dev]) =>
        this.run(this.ctx.programs.path(`swift-${daemon}`), [join(this.dir, 'etc', `${t}-${dev}.conf`), 'once', '-v'], undefined, 60_000, true),
      ),
    );
    return outs.join('');
  }

  async version(programs: Programs): Promise<string> {
    return (await programs.firstLine('python3', ['-c', 'import swift; print(swift.__version__)'])).trim();
  }
}

/** Whether memcached answers `version` (an open port alone proves nothing: a container's published port
 * accepts before the server listens). */
function memcachedAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.write('version\r\n'));
    s.setTimeout(1000, () => s.destroy());
    s.once('data', (d) => {
      resolve(d.toString().startsWith('VERSION'));
      s.end();
    });
    s.once('error', () => resolve(false));
    s.once('close', () => resolve(false));
  });
}
