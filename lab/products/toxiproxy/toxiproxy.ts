// Toxiproxy as the fault-proxy: one proxy per faultable link, created at start with no toxics.
import { ToxiproxyClient } from '../../clients/toxiproxy.ts';
import type { NewEvent } from '../../core/events/schema.ts';
import { Component } from '../../runtime/component.ts';
import { cleanEnv } from '../../core/env.ts';
import type { PortAllocator } from '../../runtime/ports.ts';
import type { Link } from '../product.ts';

export class Toxiproxy extends Component {
  readonly product = 'toxiproxy';
  private readonly listen = new Map<string, number>();

  constructor(
    role: string,
    readonly links: readonly Link[],
    /** `go install` builds carry no version string ("git"): the version is the one the lab installs */
    private readonly installed: string,
  ) {
    super(role);
  }

  override async allocate(ports: PortAllocator): Promise<void> {
    this.port = await ports.one();
    for (const l of this.links) this.listen.set(l.name, await ports.one());
  }

  get client(): ToxiproxyClient {
    return new ToxiproxyClient(this.endpoint);
  }

  /** The port a link's `from` side connects to. */
  linkPort(name: string): number {
    const p = this.listen.get(name);
    if (p === undefined) throw new Error(`no link ${name}`);
    return p;
  }

  protected override parseLine(line: string): NewEvent[] {
    if (!line.includes('"level":"error"')) return [];
    return [{ type: 'component.log', component: this.role, product: this.product, level: 'error', line }];
  }

  protected async launch(): Promise<void> {
    const proc = this.spawn(
      'toxiproxy',
      this.ctx.programs.path('toxiproxy'),
      ['-host', this.bindHost, '-port', String(this.port)],
      cleanEnv({ LOG_LEVEL: 'info' }),
    );
    await this.ready(proc, `API on ${this.endpoint}`, async () => Boolean(await this.client.version()));
    for (const l of this.links) {
      const [role, server] = l.to.split(':');
      const [listen, upstream] = [`${this.bindHost}:${this.linkPort(l.name)}`, `127.0.0.1:${this.ctx.peer(role!).portOf(server)}`];
      await this.client.createProxy(l.name, listen, upstream);
      this.note({ kind: 'proxy', name: l.name, listen, upstream });
    }
  }

  async version(): Promise<string> {
    return this.installed.replace(/^v/, '');
  }
}
