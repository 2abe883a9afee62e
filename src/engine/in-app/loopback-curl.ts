/**
 * The app's own `curl URL`: one HTTP GET made with Node (no process is spawned, no shell), for
 * reaching a Service from the learner's machine the way the seeds do with curl. It prints the
 * status line, a few headers and the first lines of the body, as `curl -i` would, shortened.
 *
 * Only local addresses are allowed: loopback (where the sandbox's NodePorts listen, and
 * `minikube service --url` tunnels on macOS/Windows) and the cluster's own node addresses
 * (minikube's `http://192.168.49.2:3xxxx`). Anything else is refused: kubedojo is not a browser.
 */
import { request } from 'node:http';
import { isIP } from 'node:net';

export interface CurlOptions {
  /** The cluster's node addresses (Node `status.addresses`), which are allowed too. */
  nodeAddresses: readonly string[];
  signal?: AbortSignal;
  /** Default 5 s: a NodePort that does not answer should not hang the prompt. */
  timeoutMs?: number;
  onLine(line: string, stream: 'stdout' | 'stderr'): void;
}

const SHOWN_HEADERS = ['content-type', 'content-length', 'server', 'date'];
const BODY_LINES = 8;

/** Why `url` may not be fetched, or undefined when it may. */
export function curlRefusal(url: string, nodeAddresses: readonly string[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `\`${url}\` is not a URL: write it like http://127.0.0.1:30080`;
  }
  if (parsed.protocol !== 'http:') return `kubedojo's curl speaks plain http://, not ${parsed.protocol.replace(':', '')}`;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isLoopback(host) || nodeAddresses.includes(host)) return undefined;
  const allowed = ['127.0.0.1', ...nodeAddresses].join(', ');
  return `kubedojo's curl only reaches your own machine and the cluster's node (${allowed}), not ${host}: use your own terminal for anything else.`;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Fetches `url` once; returns curl's exit code (0, or 7 when it could not connect, 28 on timeout). */
export function loopbackCurl(url: string, options: CurlOptions): Promise<number> {
  const refusal = curlRefusal(url, options.nodeAddresses);
  if (refusal !== undefined) {
    options.onLine(`kubedojo: ${refusal}`, 'stderr');
    return Promise.resolve(2);
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (code: number): void => {
      if (settled) return;
      settled = true;
      resolve(code);
    };
    const req = request(url, { method: 'GET', signal: options.signal, timeout: options.timeoutMs ?? 5000, headers: { 'user-agent': 'kubedojo-curl' } }, (res) => {
      options.onLine(`HTTP/${res.httpVersion} ${res.statusCode ?? 0} ${res.statusMessage ?? ''}`.trimEnd(), 'stdout');
      for (const name of SHOWN_HEADERS) {
        const value = res.headers[name];
        if (value !== undefined) options.onLine(`${headerName(name)}: ${String(value)}`, 'stdout');
      }
      options.onLine('', 'stdout');
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        const lines = body.split('\n');
        for (const line of lines.slice(0, BODY_LINES)) options.onLine(line.trimEnd(), 'stdout');
        if (lines.length > BODY_LINES) options.onLine(`… (${lines.length - BODY_LINES} more lines)`, 'stdout');
        finish(0);
      });
      res.on('error', (error) => {
        options.onLine(`curl: (56) ${error.message}`, 'stderr');
        finish(56);
      });
    });
    req.on('timeout', () => {
      options.onLine(`curl: (28) no answer from ${url} within ${(options.timeoutMs ?? 5000) / 1000} s`, 'stderr');
      req.destroy();
      finish(28);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') return finish(130);
      // curl's own numbers: 7 = could not connect, 56 = the connection broke while receiving.
      const code = error.code === 'ECONNREFUSED' ? 7 : 56;
      const what = code === 7 ? `Failed to connect to ${new URL(url).host}: Connection refused` : `Recv failure: ${error.message}`;
      options.onLine(`curl: (${code}) ${what}`, 'stderr');
      finish(code);
    });
    req.end();
  });
}

// `content-type` → `Content-Type`, as curl prints the server's headers.
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
