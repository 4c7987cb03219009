// nginx in one of its two roles: registry-front (before Distribution) or s3-front (before the object store,
// with PUTs routed through the faultable link when there is one).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nginxRegistryFront, nginxS3Front } from '../../../fixtures/config/nginx.ts';
import type { NewEvent } from '../../core/events/schema.ts';
import type { Programs } from '../../provision/programs.ts';
import { Component, firstLine } from '../../runtime/component.ts';
import { httpOk } from '../../runtime/ready.ts';
import { FAULT_PROXY } from '../capabilities.ts';
import { nginxLine } from './log.ts';

export type NginxOptions =
  | { kind: 'registry-front'; upstream: string }
  | { kind: 's3-front'; upstream: string; idleTimeoutMs: number; link?: { name: string; via: string; methods: string[]; belowBytes?: number } };

export class Nginx extends Component {
  readonly product = 'nginx';

  constructor(
    role: string,
    private opts: NginxOptions,
  ) {
    super(role);
  }

  /** The role it proxies to. */
  get upstream(): string {
    return this.opts.upstream;
  }

  /** Points it at another upstream (a registry failover): restarted on the same port with the new config. */
  async switchTo(upstream: string): Promise<void> {
    this.opts = { ...this.opts, upstream };
    await this.restart();
  }

  protected override parseLine(line: string): NewEvent[] {
    return nginxLine(line, this.role);
  }

  private config(prefix: string): string {
    const o = this.opts;
    const upstream = this.ctx.peer(o.upstream).port;
    if (o.kind === 'registry-front') return nginxRegistryFront({ prefix, port: this.port, registry: upstream, name: o.upstream });
    const link = o.link && { port: this.ctx.capable(o.link.via, FAULT_PROXY).linkPort(o.link.name), methods: o.link.methods, belowBytes: o.link.belowBytes };
    return nginxS3Front({ prefix, port: this.port, idleTimeoutMs: o.idleTimeoutMs, direct: upstream, link });
  }

  protected async launch(): Promise<void> {
    const prefix = join(this.ctx.dir, this.role);
    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, 'tmp', d), { recursive: true, mode: 0o777 });
    const file = join(prefix, 'nginx.conf');
    writeFileSync(file, this.config(prefix));
    this.follow('nginx', join(prefix, 'access.log'));
    const proc = this.spawn('nginx', this.ctx.programs.path('nginx'), ['-p', prefix, '-e', 'stderr', '-c', file]);
    const probe = this.opts.kind === 'registry-front' ? `${this.endpoint}/v2/` : `${this.endpoint}/`;
    await this.ready(proc, `GET ${probe}`, () => httpOk(probe, (s) => (this.opts.kind === 'registry-front' ? s === 200 : s < 500)));
  }

  async version(programs: Programs): Promise<string> {
    return (await firstLine(programs.path('nginx'), ['-v'])).replace(/^nginx version: nginx\//, '');
  }
}
