// envoy as the s3-front, as in production: a short stream idle timeout, and the S3 writes and reads its routes
// pick sent through faultable links while the others go straight to the object store.
import { join } from 'node:path';
import { envoyConfig } from '../../../fixtures/config/envoy.ts';
import type { NewEvent } from '../../core/events/schema.ts';
import type { Programs } from '../../provision/programs.ts';
import { Component } from '../../runtime/component.ts';
import type { PortAllocator } from '../../runtime/ports.ts';
import { httpOk } from '../../runtime/ready.ts';
import { ComponentError } from '../../core/errors.ts';
import { FAULT_PROXY, type HttpFaultSetting, type HttpMatch } from '../capabilities.ts';
import { routedUpstreams, type S3FrontRoute } from '../s3-front.ts';
import { envoyAccess } from './log.ts';

export interface EnvoyOptions {
  upstream: string;
  streamIdleTimeoutMs: number;
  /** the requests that take a faultable link, through the fault proxy of role `via` */
  routes: S3FrontRoute[];
  via: string;
}

export class Envoy extends Component {
  readonly product = 'envoy';
  adminPort = 0;
  /** its HTTP faults by name, each with the prefix of its runtime keys */
  private readonly httpFaults = new Map<string, HttpMatch & { runtime: string }>();

  constructor(
    role: string,
    readonly opts: EnvoyOptions,
  ) {
    super(role);
  }

  override async allocate(ports: PortAllocator): Promise<void> {
    this.port = await ports.one();
    this.adminPort = await ports.one();
  }

  protected override parseLine(line: string): NewEvent[] {
    return envoyAccess(line, this.role);
  }

  /** A fault filter in its config (before it starts), doing nothing until set. */
  addHttpFault(name: string, match: HttpMatch): void {
    this.httpFaults.set(name, { ...match, runtime: `lab.fault.f${this.httpFaults.size}` });
  }

  /** Sets a fault filter's runtime keys through the admin API; returns them as envoy then reports them. */
  async setHttpFault(name: string, s: HttpFaultSetting): Promise<Record<string, unknown>> {
    const f = this.httpFaults.get(name);
    if (!f) throw new ComponentError(this.role, `no HTTP fault ${name} in its config`);
    const keys = {
      [`${f.runtime}.abort_percent`]: s.abort?.percent ?? 0,
      [`${f.runtime}.http_status`]: s.abort?.status ?? 503,
      [`${f.runtime}.delay_percent`]: s.delay?.percent ?? 0,
      [`${f.runtime}.delay_ms`]: s.delay?.ms ?? 1,
    };
    const admin = `http://127.0.0.1:${this.adminPort}`;
    const set = await fetch(`${admin}/runtime_modify?${new URLSearchParams(Object.entries(keys).map(([k, v]): [string, string] => [k, String(v)]))}`, {
      method: 'POST',
      signal: AbortSignal.timeout(5000),
    });
    if (!set.ok) throw new ComponentError(this.role, `runtime_modify: HTTP ${set.status} ${(await set.text()).trim()}`);
    await set.arrayBuffer().catch(() => undefined);
    const { entries } = (await (await fetch(`${admin}/runtime`, { signal: AbortSignal.timeout(5000) })).json()) as {
      entries: Record<string, { final_value: string }>;
    };
    return Object.fromEntries(Object.keys(keys).map((k) => [k.slice(f.runtime.length + 1), Number(entries[k]?.final_value)]));
  }

  protected async launch(): Promise<void> {
    const dir = join(this.ctx.dir, this.role);
    const file = join(dir, 'envoy.yaml');
    const o = this.opts;
    const links = routedUpstreams(o.routes, (l) => this.ctx.capable(o.via, FAULT_PROXY).linkPort(l)).map(({ name, ...r }) => ({ cluster: name, ...r }));
    this.render(
      file,
      envoyConfig({
        port: this.port,
        bind: this.bindHost,
        adminPort: this.adminPort,
        streamIdleTimeoutMs: o.streamIdleTimeoutMs,
        direct: this.ctx.peer(o.upstream).port,
        links,
        httpFaults: [...this.httpFaults.values()],
      }),
    );
    // access log lines are flushed every 10 s by default: the lab wants them as they happen
    const args = [
      '-c',
      file,
      '--disable-hot-restart',
      '--concurrency',
      '1',
      '--file-flush-interval-msec',
      '50',
      '-l',
      'warn',
      '--log-format',
      '[%Y-%m-%d %T.%e][%l] %v',
    ];
    const proc = this.spawn('envoy', this.ctx.programs.path('envoy'), args);
    await this.ready(proc, `admin /ready on ${this.adminPort}`, () => httpOk(`http://127.0.0.1:${this.adminPort}/ready`, (s) => s === 200));
  }

  async version(programs: Programs): Promise<string> {
    return /\/(\d+\.\d+\.\d+)\//.exec(await programs.firstLine('envoy', ['--version']))?.[1] ?? 'unknown';
  }
}
