// The Toxiproxy HTTP API (v2.12.0), the calls the lab uses. Our own client rather than toxiproxy-node-client:
// its 4.1.0 drops the server's error body ("toxic already exists", "proxy not found"), which is what a person
// needs to read when a fault cannot be applied; this one puts it in the error.
export interface Toxic {
  name: string;
  type: string;
  stream: 'upstream' | 'downstream';
  toxicity: number;
  attributes: Record<string, number>;
}

export interface Proxy {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: Toxic[];
}

export class ToxiproxyClient {
  constructor(readonly api: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.api + path, {
      method,
      headers: { 'content-type': 'application/json', 'user-agent': 'registry-lab' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) {
      let msg = text.trim();
      try {
        msg = (JSON.parse(text) as { error: string }).error;
      } catch {
        /* plain text */
      }
      throw new Error(`toxiproxy ${method} ${path}: HTTP ${res.status}: ${msg}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  version(): Promise<{ version: string }> {
    return this.call('GET', '/version');
  }

  createProxy(name: string, listen: string, upstream: string): Promise<Proxy> {
    return this.call('POST', '/proxies', { name, listen, upstream, enabled: true });
  }

  proxy(name: string): Promise<Proxy> {
    return this.call('GET', `/proxies/${encodeURIComponent(name)}`);
  }

  /** Disables (connections refused) or re-enables a proxy. */
  setEnabled(proxy: string, enabled: boolean): Promise<Proxy> {
    return this.call('POST', `/proxies/${encodeURIComponent(proxy)}`, { enabled });
  }

  addToxic(proxy: string, toxic: Toxic): Promise<Toxic> {
    return this.call('POST', `/proxies/${encodeURIComponent(proxy)}/toxics`, toxic);
  }

  removeToxic(proxy: string, name: string): Promise<void> {
    return this.call('DELETE', `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`);
  }

  /** Removes every toxic and re-enables every proxy. */
  reset(): Promise<void> {
    return this.call('POST', '/reset');
  }
}
