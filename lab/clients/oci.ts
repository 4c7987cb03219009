// A client for the OCI Distribution API (push, pull, mount, delete, list) on undici.
// Every HTTP exchange is reported once through onHttp; pulls hash what they receive and report mismatches.
import { createHash } from 'node:crypto';
import { request } from 'undici';
import { sha256, type Blob, type Image } from '../../fixtures/image.ts';

/** One HTTP exchange as the client saw it; sent and received count body bytes. */
export interface HttpRecord {
  method: string;
  path: string;
  status?: number;
  ms: number;
  sent: number;
  received: number;
  error?: string;
}

/** An unexpected status, or a network failure (no status). */
export class RegistryError extends Error {
  override name = 'RegistryError';
  readonly method: string;
  readonly path: string;
  /** false only when the request never left (connection refused, unknown host) */
  readonly sent: boolean;
  readonly status?: number;
  /** the OCI error code from the JSON body, e.g. BLOB_UNKNOWN */
  readonly code?: string;
  /** body bytes received before the failure (a 200 cut short) */
  readonly received?: number;

  constructor(e: { method: string; path: string; sent: boolean; status?: number; code?: string; detail?: string; received?: number }) {
    super(`${e.method} ${e.path}: ${e.status !== undefined ? `HTTP ${e.status}${e.code ? ` ${e.code}` : ''}` : (e.detail ?? 'failed')}`);
    this.method = e.method;
    this.path = e.path;
    this.sent = e.sent;
    this.status = e.status;
    this.code = e.code;
    this.received = e.received;
  }
}

/** A blob as pulled: actual is sha256 of the bytes received. */
export interface PulledBlob {
  digest: string;
  actual: string;
  size: number;
}

export interface PullResult {
  /** the manifest digest computed from the bytes received */
  digest: string;
  mediaType: string;
  blobs: PulledBlob[];
  intact: boolean;
}

/** A page of a list (the catalog, a repository's tags): n names at most, those after last. */
export interface ListQuery {
  n?: number;
  last?: string;
}

/** One page of a list: its names, and where the next page is when the registry said (Link rel="next"). */
export interface ListPage {
  names: string[];
  next?: string;
}

/** What a HEAD of a manifest says: whether it exists, its Docker-Content-Digest and its Content-Length. */
export interface ManifestHead {
  exists: boolean;
  digest?: string;
  size?: number;
}

export interface ClientOptions {
  baseUrl: string;
  onHttp?: (r: HttpRecord) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'];
/** Errors that mean the request never reached the server. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

interface Call {
  headers?: Record<string, string>;
  body?: Uint8Array;
  expect: number[];
  /** what to keep of the response body: its bytes, or only its sha256 (streamed) */
  keep?: 'bytes' | 'hash';
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Uint8Array;
  hash: string;
  size: number;
}

/** "0-299" → 299; none → -1 */
function rangeEnd(range: string | undefined): number {
  const m = range && /^(?:bytes=)?\d+-(\d+)$/.exec(range);
  return m ? Number(m[1]) : -1;
}

function header(r: Reply, name: string): string | undefined {
  const v = r.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The target of the rel="next" link of a Link header (`</v2/_catalog?last=b&n=2>; rel="next"`), as written. */
export function nextLink(link: string | undefined): string | undefined {
  for (const [, target, params] of (link ?? '').matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(params!);
    if (rel && (rel[1] ?? rel[2])!.toLowerCase().split(/\s+/).includes('next')) return target;
  }
  return undefined;
}

/** "?n=2&last=b"; "" for neither */
function listQuery(q: ListQuery): string {
  const params = new URLSearchParams();
  if (q.n !== undefined) params.set('n', String(q.n));
  if (q.last !== undefined) params.set('last', q.last);
  const query = params.toString();
  return query ? `?${query}` : '';
}

function errorCode(body: Uint8Array): string | undefined {
  try {
    const code = (JSON.parse(Buffer.from(body).toString('utf8')) as { errors?: { code?: unknown }[] }).errors?.[0]?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The code of a network error, looking through undici's and Node's wrappers. */
function networkCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: unknown; errors?: unknown[]; name?: string };
  if (typeof err?.code === 'string') return err.code;
  if (err?.cause) return networkCode(err.cause);
  if (Array.isArray(err?.errors) && err.errors.length > 0) return networkCode(err.errors[0]);
  return err?.name === 'TimeoutError' ? 'timeout' : err?.name === 'AbortError' ? 'aborted' : undefined;
}

export class OciClient {
  private readonly timeoutMs: number;

  constructor(readonly opts: ClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 120_000;
  }

  private url(path: string): URL {
    return new URL(path, this.opts.baseUrl);
  }

  /** Where an upload continues: the Location header, relative or absolute. */
  private location(r: Reply, method: string, path: string): URL {
    const loc = header(r, 'location');
    if (!loc) throw new RegistryError({ method, path, sent: true, status: r.status, detail: 'no Location header' });
    return this.url(loc);
  }

  private async call(method: string, url: URL, c: Call): Promise<Reply> {
    const path = url.pathname + url.search;
    const sent = c.body?.length ?? 0;
    const t0 = performance.now();
    let recorded = false;
    const record = (r: Omit<HttpRecord, 'method' | 'path' | 'ms' | 'sent'>) => {
      recorded = true;
      this.opts.onHttp?.({ method, path, ms: Math.round((performance.now() - t0) * 10) / 10, sent, ...r });
    };
    // a timer of our own: AbortSignal.timeout's timer is lost when nothing else holds its signal
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException(`no answer in ${this.timeoutMs} ms`, 'TimeoutError')), this.timeoutMs);
    const signal = this.opts.signal ? AbortSignal.any([this.opts.signal, timeout.signal]) : timeout.signal;
    let status: number | undefined;
    let received = 0;
    try {
      const res = await request(url, { method, headers: c.headers, body: c.body, signal });
      status = res.statusCode;
      const expected = c.expect.includes(status);
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        received += chunk.length;
        if (expected && c.keep === 'hash') hash.update(chunk);
        else if (!expected || c.keep === 'bytes') chunks.push(chunk);
      }
      const bytes = Buffer.concat(chunks);
      record({ status, received });
      if (!expected) throw new RegistryError({ method, path, sent: true, status, code: errorCode(bytes) });
      return { status, headers: res.headers, bytes, hash: 'sha256:' + hash.digest('hex'), size: received };
    } catch (e) {
      if (e instanceof RegistryError) throw e;
      const code = networkCode(e);
      const error = code ?? (e as Error).message?.split('\n')[0] ?? String(e);
      if (!recorded) record({ ...(status !== undefined && { status }), received, error });
      throw new RegistryError({ method, path, sent: !(code && NOT_SENT.has(code)), status, detail: error, received });
    } finally {
      clearTimeout(timer);
    }
  }

  /** GET /v2/: the registry answers the API. */
  async ping(): Promise<void> {
    await this.call('GET', this.url('/v2/'), { expect: [200] });
  }

  async headBlob(repo: string, digest: string): Promise<boolean> {
    const r = await this.call('HEAD', this.url(`/v2/${repo}/blobs/${digest}`), { expect: [200, 404] });
    return r.status === 200;
  }

  /** POST /blobs/uploads/: where the new upload continues. */
  async startUpload(repo: string): Promise<URL> {
    const start = this.url(`/v2/${repo}/blobs/uploads/`);
    return this.location(await this.call('POST', start, { expect: [202] }), 'POST', start.pathname);
  }

  /** PATCH one chunk at `offset`: where the upload continues, and the last byte the registry says it holds. */
  async patchUpload(at: URL, chunk: Uint8Array, offset: number): Promise<{ location: URL; end: number }> {
    const headers = { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${offset + chunk.length - 1}` };
    const r = await this.call('PATCH', at, { headers, body: chunk, expect: [202] });
    return { location: this.location(r, 'PATCH', at.pathname), end: rangeEnd(header(r, 'range')) };
  }

  /** GET the upload: the last byte the registry holds (-1 for none). */
  async uploadStatus(at: URL): Promise<number> {
    return rangeEnd(header(await this.call('GET', at, { expect: [204] }), 'range'));
  }

  /** PUT ?digest=: completes the upload, with a last chunk when given. */
  async commitUpload(at: URL, digest: string, last?: Uint8Array): Promise<void> {
    const put = new URL(at);
    put.search += `${put.search ? '&' : '?'}digest=${encodeURIComponent(digest)}`;
    await this.call('PUT', put, { headers: last ? { 'content-type': 'application/octet-stream' } : undefined, body: last, expect: [201] });
  }

  /** Monolithic (POST then PUT with the body) or, with chunkSize, chunked (POST, PATCH per chunk, PUT). */
  async uploadBlob(repo: string, blob: Blob, opts: { chunkSize?: number } = {}): Promise<void> {
    let at = await this.startUpload(repo);
    if (!opts.chunkSize) return this.commitUpload(at, blob.digest, blob.data);
    for (let offset = 0; offset < blob.data.length; offset += opts.chunkSize) {
      at = (await this.patchUpload(at, blob.data.subarray(offset, offset + opts.chunkSize), offset)).location;
    }
    await this.commitUpload(at, blob.digest);
  }

  /** Cross-repository mount: true when mounted; false when the registry started an upload instead (cancelled here). */
  async mountBlob(repo: string, digest: string, from: string): Promise<boolean> {
    const url = this.url(`/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`);
    const r = await this.call('POST', url, { expect: [201, 202] });
    if (r.status === 201) return true;
    await this.call('DELETE', this.location(r, 'POST', url.pathname), { expect: [204] });
    return false;
  }

  /** Returns the Docker-Content-Digest the registry answered. */
  async putManifest(repo: string, ref: string, manifest: Blob): Promise<string> {
    const url = this.url(`/v2/${repo}/manifests/${ref}`);
    const r = await this.call('PUT', url, { headers: { 'content-type': manifest.mediaType }, body: manifest.data, expect: [201] });
    return header(r, 'docker-content-digest') ?? manifest.digest;
  }

  /** digest is computed from the bytes received; mediaType is the response Content-Type. */
  async getManifest(repo: string, ref: string): Promise<{ digest: string; mediaType: string; body: Uint8Array }> {
    const url = this.url(`/v2/${repo}/manifests/${ref}`);
    const r = await this.call('GET', url, { headers: { accept: MANIFEST_TYPES.join(', ') }, expect: [200], keep: 'bytes' });
    const mediaType = (header(r, 'content-type') ?? '').split(';')[0]!.trim();
    return { digest: sha256(r.bytes), mediaType, body: r.bytes };
  }

  /** GETs a blob and hashes what arrives, never keeping it; a 200 cut short is reported, not thrown. */
  async fetchBlob(repo: string, digest: string): Promise<PulledBlob> {
    try {
      const r = await this.call('GET', this.url(`/v2/${repo}/blobs/${digest}`), { expect: [200], keep: 'hash' });
      return { digest, actual: r.hash, size: r.size };
    } catch (e) {
      // a 200 whose body stops short of its length: bytes that do not match their digest
      if (!(e instanceof RegistryError && e.status === 200)) throw e;
      return { digest, actual: `cut short after ${e.received ?? 0} bytes`, size: e.received ?? 0 };
    }
  }

  /** DELETE a blob from a repository (202; 405 UNSUPPORTED when the registry's deletes are disabled). */
  async deleteBlob(repo: string, digest: string): Promise<void> {
    await this.call('DELETE', this.url(`/v2/${repo}/blobs/${digest}`), { expect: [202] });
  }

  /** HEAD a manifest with the manifest types accepted by pulls: absent is a 404. */
  async headManifest(repo: string, ref: string): Promise<ManifestHead> {
    const url = this.url(`/v2/${repo}/manifests/${ref}`);
    const r = await this.call('HEAD', url, { headers: { accept: MANIFEST_TYPES.join(', ') }, expect: [200, 404] });
    if (r.status === 404) return { exists: false };
    const digest = header(r, 'docker-content-digest');
    const length = header(r, 'content-length');
    return { exists: true, ...(digest && { digest }), ...(length !== undefined && { size: Number(length) }) };
  }

  /** GET one page of a list: `path` is a first page's, or the next page a previous Link named; `field` holds the names. */
  async listPage(path: string, field: 'repositories' | 'tags'): Promise<ListPage> {
    const url = this.url(path);
    const r = await this.call('GET', url, { expect: [200], keep: 'bytes' });
    let names: unknown;
    try {
      names = (JSON.parse(Buffer.from(r.bytes).toString('utf8')) as Record<string, unknown>)[field];
    } catch {
      names = undefined;
    }
    // a repository whose tags were all deleted may answer "tags": null
    if (names === null) names = [];
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
      throw new RegistryError({ method: 'GET', path: url.pathname + url.search, sent: true, detail: `the body has no list of ${field}` });
    const link = r.headers.link;
    const next = nextLink(Array.isArray(link) ? link.join(', ') : link);
    return { names, ...(next !== undefined && { next }) };
  }

  /** GET /v2/_catalog: the first page of the repositories. */
  async catalog(q: ListQuery = {}): Promise<ListPage> {
    return this.listPage(`/v2/_catalog${listQuery(q)}`, 'repositories');
  }

  /** GET /v2/<repo>/tags/list: the first page of its tags. */
  async tags(repo: string, q: ListQuery = {}): Promise<ListPage> {
    return this.listPage(`/v2/${repo}/tags/list${listQuery(q)}`, 'tags');
  }

  async getBlob(repo: string, digest: string): Promise<Uint8Array> {
    return (await this.call('GET', this.url(`/v2/${repo}/blobs/${digest}`), { expect: [200], keep: 'bytes' })).bytes;
  }

  async deleteManifest(repo: string, digest: string): Promise<void> {
    await this.call('DELETE', this.url(`/v2/${repo}/manifests/${digest}`), { expect: [202] });
  }

  /** Uploads each of the blobs the registry lacks (HEAD, then an upload), `uploads` at a time (default one), as
   * docker does with its max-concurrent-uploads; when one fails, waits for those begun, then throws the first. */
  async pushBlobs(repo: string, blobs: readonly Blob[], opts: { chunkSize?: number; uploads?: number } = {}): Promise<void> {
    const queue = [...new Map(blobs.map((b) => [b.digest, b])).values()];
    const errors: unknown[] = [];
    const worker = async () => {
      for (let b = queue.shift(); b && errors.length === 0; b = queue.shift()) {
        try {
          if (!(await this.headBlob(repo, b.digest))) await this.uploadBlob(repo, b, opts);
        } catch (e) {
          errors.push(e);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.uploads ?? 1, queue.length) }, worker));
    if (errors.length > 0) throw errors[0];
  }

  /** Uploads the config and layers the registry lacks, then the manifest under tag; returns the manifest digest. */
  async pushImage(repo: string, tag: string, image: Image, opts: { chunkSize?: number; uploads?: number } = {}): Promise<string> {
    await this.pushBlobs(repo, [image.config, ...image.layers], opts);
    return this.putManifest(repo, tag, image.manifest);
  }

  /** Pulls the manifest, config and layers, hashing each; a digest mismatch is reported in the result, not thrown. */
  async pullImage(repo: string, ref: string): Promise<PullResult> {
    const m = await this.getManifest(repo, ref);
    const parsed = JSON.parse(Buffer.from(m.body).toString('utf8')) as { config?: { digest: string }; layers?: { digest: string }[] };
    const wanted = [parsed.config, ...(parsed.layers ?? [])].filter((d): d is { digest: string } => typeof d?.digest === 'string');
    const blobs: PulledBlob[] = [];
    for (const { digest } of wanted) blobs.push(await this.fetchBlob(repo, digest));
    const manifestOk = !ref.includes(':') || m.digest === ref;
    return { digest: m.digest, mediaType: m.mediaType, blobs, intact: manifestOk && blobs.every((b) => b.actual === b.digest) };
  }
}
