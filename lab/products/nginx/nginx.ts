// nginx in one of its two roles: registry-front (before Distribution) or s3-front (before the object store,
// with the writes and reads its routes pick sent through faultable links).
import { join } from 'node:path';
import { nginxRegistryFront, nginxS3Front, type RegistryFront } from '../../../fixtures/config/nginx.ts';
import type { NewEvent } from '../../core/events/schema.ts';
import type { Programs } from '../../provision/programs.ts';
import { Component } from '../../runtime/component.ts';
import { httpOk } from '../../runtime/ready.ts';
import { FAULT_PROXY } from '../capabilities.ts';
import { routedUpstreams, type S3FrontRoute } from '../s3-front.ts';
import { nginxLine } from './log.ts';

export type NginxOptions =
  | { kind: 'registry-front'; upstream: string }
  | { kind: 's3-front'; upstream: string; idleTimeoutMs: number; routes: S3FrontRoute[]; via: string };

/** What a registry-front proxies to: the registry's port, or its replicas' (a component with `servers`, as
 * Distribution with replicas has), balanced round-robin. */
export function registryUpstream(registry: Component): RegistryFront['registry'] {
  const servers = (registry as Component & { servers?: readonly { server: string; port: number }[] }).servers;
  return servers && servers.length > 1 ? servers : registry.port;
}

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
    if (o.kind === 'registry-front')
      return nginxRegistryFront({ prefix, port: this.port, bind: this.bindHost, registry: registryUpstream(this.ctx.peer(o.upstream)), name: o.upstream });
    const links = routedUpstreams(o.routes, (l) => this.ctx.capable(o.via, FAULT_PROXY).linkPort(l)).map(({ name, ...r }) => ({ upstream: name, ...r }));
    return nginxS3Front({ prefix, port: this.port, bind: this.bindHost, idleTimeoutMs: o.idleTimeoutMs, direct: upstream, links });
  }

  protected async launch(): Promise<void> {
    const prefix = join(this.ctx.dir, this.role);
    this.makeDirs(...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((d) => join(prefix, 'tmp', d)));
    const file = join(prefix, 'nginx.conf');
    this.render(file, this.config(prefix));
    this.follow('nginx', join(prefix, 'access.log'));
    const proc = this.spawn('nginx', this.ctx.programs.path('nginx'), ['-p', prefix, '-e', 'stderr', '-c', file]);
    const probe = this.opts.kind === 'registry-front' ? `${this.endpoint}/v2/` : `${this.endpoint}/`;
    await this.ready(proc, `GET ${probe}`, () => httpOk(probe, (s) => (this.opts.kind === 'registry-front' ? s === 200 : s < 500)));
  }

  async version(programs: Programs): Promise<string> {
    return (await programs.firstLine('nginx', ['-v'])).replace(/^nginx version: nginx\//, '');
  }
}
