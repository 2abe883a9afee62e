/**
 * A KubeConfig whose requests share kept-alive connections: one pool per cluster and user for
 * as long as the connection lives, instead of client-node's new TLS context and handshake for
 * every request.
 *
 * Why: client-node 2's `applySecurityAuthentication` (every typed API call, every Watch) builds a
 * new undici Agent per request, so each request pays a secure context, a TCP connect and a full
 * TLS handshake; `applyToHTTPSOptions` (kube-api.ts's lists, WebSockets) hands out an
 * `https.Agent` without keep-alive. A learner's app in a room of 40 spent most of a progress
 * PATCH there (issue 10's bench). Here both paths get pooled agents over one secure context per
 * TLS material, so connections are reused and new ones resume the TLS session.
 *
 * Authentication is still client-node's, per request: CA, client certificate and key, bearer
 * tokens, exec plugins and token files (refreshed when they expire) come from
 * `applyToHTTPSOptions` every time. When that material changes (an exec plugin's new client
 * certificate), a new pool is made; the old one is retired and closed with the rest.
 * Proxies and plain-http servers keep client-node's own behaviour.
 */
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import { createSecureContext, type SecureContext } from 'node:tls';
import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { Agent as UndiciAgent } from 'undici';

/** What the secure context is made of: the CA, and the client certificate if any. */
const CONTEXT_KEYS = ['ca', 'cert', 'key', 'pfx', 'passphrase'] as const;
/** What the secure context does not hold: whether, and against which name, the server is verified. */
const VERIFY_KEYS = ['rejectUnauthorized', 'servername'] as const;
const MATERIAL_KEYS = [...CONTEXT_KEYS, ...VERIFY_KEYS];

/** A TLS connection's options, of MATERIAL_KEYS only; a pool serves exactly one. */
type TlsMaterial = Partial<Record<(typeof MATERIAL_KEYS)[number], unknown>>;

interface Pool {
  material: TlsMaterial;
  /** The CA and client certificate parsed once, for every connection of the pool. */
  secureContext: SecureContext;
  /** For client-node's fetch (typed APIs, Watch); made on first use. */
  dispatcher?: UndiciAgent;
  /** For node:https and WebSockets (kube-api.ts); made on first use. */
  agent?: HttpsAgent;
}

/** TCP keep-alive probes on idle pooled sockets, as client-node and client-go use. */
const TCP_KEEPALIVE_MS = 30_000;

export class KeptAliveKubeConfig extends KubeConfig {
  readonly #pools = new Map<string, Pool>();
  readonly #retired: Pool[] = [];
  #closed = false;

  /** Loads a kubeconfig file, as `new KubeConfig().loadFromFile(path)`. */
  static fromFile(path: string): KeptAliveKubeConfig {
    const kubeconfig = new KeptAliveKubeConfig();
    kubeconfig.loadFromFile(path);
    return kubeconfig;
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    if (!this.#pooled()) return super.applySecurityAuthentication(context);
    const options: RequestOptions = {};
    // CA, client certificate and key, the Authorization header (tokens, exec plugins, refreshed
    // when expired), impersonation: all of client-node's per-request authentication.
    await super.applyToHTTPSOptions(options as never);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value !== undefined) context.setHeaderParam(name, `${String(value)}`);
    }
    if (options.auth) context.setHeaderParam('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
    const pool = this.#pool(options);
    // undici reuses a connection only a full turn of the loop after its response ended (a
    // setImmediate in client-h1.js, for servers that close despite keep-alive). A request sent
    // back to back with the last one found it busy and opened a second connection: a TLS
    // handshake, which in a busy room took seconds (issue 10's bench). So wait that turn too.
    await new Promise((resolve) => setImmediate(resolve));
    pool.dispatcher ??= new UndiciAgent({ connect: { secureContext: pool.secureContext, ...pick(pool.material, VERIFY_KEYS), keepAlive: true, keepAliveInitialDelay: TCP_KEEPALIVE_MS } });
    context.setDispatcher(pool.dispatcher);
  }

  override async applyToHTTPSOptions(options: Parameters<KubeConfig['applyToHTTPSOptions']>[0]): Promise<void> {
    await super.applyToHTTPSOptions(options);
    if (!this.#pooled()) return;
    const pool = this.#pool(options as RequestOptions);
    pool.agent ??= new HttpsAgent({ keepAlive: true, keepAliveMsecs: TCP_KEEPALIVE_MS, secureContext: pool.secureContext, ...pick(pool.material, VERIFY_KEYS) });
    (options as RequestOptions).agent = pool.agent;
  }

  /**
   * Closes every pool: idle connections go, anything still in flight (a watch not stopped) is
   * cut. Call it when the connection is done with, after its watches stopped. Requests made
   * afterwards still work, on client-node's per-request connections. Idempotent.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values(), ...this.#retired.splice(0)];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => closePool(pool)));
  }

  /** Pools serve https servers without a proxy; the rest is client-node's as it was. */
  #pooled(): boolean {
    const cluster = this.getCurrentCluster();
    return !this.#closed && cluster !== null && cluster.server.startsWith('https:') && !cluster.proxyUrl;
  }

  #pool(options: RequestOptions): Pool {
    const cluster = this.getCurrentCluster();
    const key = JSON.stringify([cluster?.server, cluster?.name, this.getCurrentUser()?.name]);
    const material = pick(options, MATERIAL_KEYS);
    const found = this.#pools.get(key);
    if (found !== undefined && sameMaterial(found.material, material)) return found;
    if (found !== undefined) {
      // New credentials (a rotated client certificate): new connections from now on; the old
      // pool's in-flight requests finish on it, and it is closed gracefully.
      void found.dispatcher?.close().catch(() => undefined);
      this.#retired.push(found);
    }
    const pool: Pool = {
      material,
      secureContext: createSecureContext(pick(material, CONTEXT_KEYS)),
    };
    this.#pools.set(key, pool);
    return pool;
  }
}

/** The named options that are set (client-node leaves unset ones undefined or null). */
function pick<K extends string>(options: object, keys: readonly K[]): Partial<Record<K, never>> {
  const picked: Partial<Record<K, never>> = {};
  for (const name of keys) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && value !== null) picked[name] = value as never;
  }
  return picked;
}

function sameMaterial(a: TlsMaterial, b: TlsMaterial): boolean {
  return MATERIAL_KEYS.every((name) => sameValue(a[name], b[name]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return a === b;
}

async function closePool(pool: Pool): Promise<void> {
  pool.agent?.destroy();
  await pool.dispatcher?.destroy().catch(() => undefined);
}
