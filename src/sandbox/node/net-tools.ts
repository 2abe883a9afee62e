/**
 * curl (Debian's 7.88 and Alpine's 8.11) and BusyBox wget, for `kubectl exec … -- curl web` and
 * scripts like `while true; do wget -qO- web; sleep 1; done`: the URL's host is a Service name, a
 * ClusterIP, a Pod IP or localhost (the ShellHost routes it), and the answers, progress lines and
 * errors read as those tools print them. Flags outside the common ones are reported as unsupported.
 */
import type { PodResponse } from './node-network.js';
import type { Command, ShellHost } from './shell-runner.js';
import { reportUnsupported } from './unsupported.js';

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

interface Target {
  host: string;
  port: number;
  path: string;
}

function parseUrl(raw: string): Target | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)$/.exec(raw);
  if (!m || m[1] === 'https') return undefined;
  return { host: m[2]!, port: m[3] ? Number(m[3]) : 80, path: m[4] || '/' };
}

function lines(body: string): string[] {
  const out = body.split('\n');
  if (out.at(-1) === '') out.pop();
  return out;
}

const codeOf = (error: unknown) => (error as { code?: string })?.code ?? 'ECONNREFUSED';

const curlAgent = (host: ShellHost) => (host.image.userland === 'gnu' ? 'curl/7.88.1' : 'curl/8.11.1');

export const curl: Command = async (args, io, host) => {
  let url: string | undefined;
  let method = 'GET';
  let silent = false;
  let include = false;
  let fail = false;
  let output: string | undefined;
  let writeOut: string | undefined;
  let timeoutMs: number | undefined;
  const headers: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) url = a;
    else if (/^-[sSfiILk]+$/.test(a)) {
      silent ||= a.includes('s');
      fail ||= a.includes('f');
      include ||= a.includes('i') || a.includes('I');
      if (a.includes('I')) method = 'HEAD';
    } else if (a === '--silent') silent = true;
    else if (a === '--fail') fail = true;
    else if (a === '--include') include = true;
    else if (a === '-o' || a === '--output') output = args[++i];
    else if (a === '-w' || a === '--write-out') writeOut = args[++i];
    else if (a === '-X' || a === '--request') method = args[++i] ?? 'GET';
    else if (a === '-H' || a === '--header') {
      const [k, ...v] = (args[++i] ?? '').split(':');
      headers[k!.trim().toLowerCase()] = v.join(':').trim();
    } else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') timeoutMs = Number(args[++i]) * 1000;
    else return reportUnsupported(`curl ${args.join(' ')}`, io, host);
  }
  const target = url ? parseUrl(url) : undefined;
  if (!target) return reportUnsupported(`curl ${args.join(' ')}`, io, host);
  const progress = () => {
    if (silent) return;
    io.err('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current');
    io.err('                                 Dload  Upload   Total   Spent    Left  Speed');
  };
  let response: PodResponse;
  try {
    response = await host.http(target.host, target.port, method, target.path, { host: target.port === 80 ? target.host : `${target.host}:${target.port}`, 'user-agent': curlAgent(host), accept: '*/*', ...headers }, timeoutMs);
  } catch (error) {
    if (codeOf(error) === 'ESANDBOX') return reportUnsupported(`curl ${args.join(' ')}`, io, host);
    progress();
    if (!silent) io.err('  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0');
    const code = codeOf(error);
    if (code === 'ENOTFOUND') return io.err(`curl: (6) Could not resolve host: ${target.host}`), 6;
    if (code === 'ECONNRESET') return io.err('curl: (56) Recv failure: Connection reset by peer'), 56;
    if (code === 'ETIMEDOUT') return io.err(`curl: (28) Operation timed out after ${timeoutMs ?? 0} milliseconds with 0 bytes received`), 28;
    io.err(`curl: (7) Failed to connect to ${target.host} port ${target.port} after 0 ms: Couldn't connect to server`);
    return 7;
  }
  const size = Buffer.byteLength(response.body);
  progress();
  if (!silent) io.err(`100   ${size}  100   ${size}    0     0   ${size}k      0 --:--:-- --:--:-- --:--:--  ${size}k`);
  if (fail && response.status >= 400) return io.err(`curl: (22) The requested URL returned error: ${response.status}`), 22;
  const out: string[] = [];
  if (include) out.push(`HTTP/1.1 ${response.status} ${REASONS[response.status] ?? ''}`.trimEnd(), ...Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`), '');
  out.push(...lines(response.body));
  if (output === '/dev/null') out.length = 0;
  else if (output) {
    host.fs.write(output, response.body);
    out.length = 0;
  }
  out.forEach((l) => io.out(l));
  if (writeOut) lines(writeOut.replace(/%\{http_code\}/g, String(response.status)).replace(/\\n/g, '\n')).forEach((l) => io.out(l));
  return 0;
};

export const wget: Command = async (args, io, host) => {
  let url: string | undefined;
  let quiet = false;
  let output: string | undefined;
  let spider = false;
  let serverResponse = false;
  let timeoutMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) url = a;
    else if (a === '-S') serverResponse = true;
    else if (/^-q?O-?$|^-qO$/.test(a) || a === '-q') {
      quiet ||= a.includes('q');
      if (a.includes('O')) output = a.endsWith('-') ? '-' : args[++i];
    } else if (a === '-O') output = args[++i];
    else if (a === '--spider') spider = true;
    else if (a === '-T') timeoutMs = Number(args[++i]) * 1000;
    else return reportUnsupported(`wget ${args.join(' ')}`, io, host);
  }
  const target = url ? parseUrl(url) : undefined;
  if (!target) return reportUnsupported(`wget ${args.join(' ')}`, io, host);
  const display = `${target.host}:${target.port}`;
  if (!quiet) io.err(`Connecting to ${target.host} (${display})`);
  let response: PodResponse;
  try {
    response = await host.http(target.host, target.port, spider ? 'HEAD' : 'GET', target.path, { host: target.host, 'user-agent': 'Wget', connection: 'close' }, timeoutMs);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ESANDBOX') return reportUnsupported(`wget ${args.join(' ')}`, io, host);
    if (code === 'ENOTFOUND') io.err(`wget: bad address '${target.host}'`);
    else if (code === 'ECONNRESET') io.err('wget: error getting response: Connection reset by peer');
    else if (code === 'ETIMEDOUT') io.err('wget: download timed out');
    else io.err(`wget: can't connect to remote host (${target.host}): Connection refused`);
    return 1;
  }
  // -S: BusyBox prints the status line and the headers to stderr, two spaces in, quiet or not.
  if (serverResponse) {
    io.err(`  HTTP/1.1 ${response.status} ${REASONS[response.status] ?? ''}`.trimEnd());
    for (const [name, value] of Object.entries(response.headers)) io.err(`  ${name}: ${value}`);
  }
  if (response.status >= 400) return io.err(`wget: server returned error: HTTP/1.1 ${response.status} ${REASONS[response.status] ?? ''}`.trimEnd()), 1;
  if (spider) return quiet ? 0 : (io.err('remote file exists'), 0);
  const file = output ?? (target.path.split('?')[0]!.split('/').pop() || 'index.html');
  if (file === '-') {
    if (!quiet) io.err('writing to stdout');
    lines(response.body).forEach((l) => io.out(l));
    if (!quiet) io.err('written to stdout');
  } else {
    if (!quiet) io.err(`saving to '${file}'`);
    host.fs.write(file, response.body);
    if (!quiet) io.err(`'${file}' saved`);
  }
  return 0;
};

export const NET_TOOLS: Record<string, Command> = { curl, wget };

