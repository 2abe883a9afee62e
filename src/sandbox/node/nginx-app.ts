/**
 * nginx as the official image configures it: the files it ships (default.conf serving
 * /usr/share/nginx/html, the welcome page, 50x.html, nginx.conf with the `main` log format) and how
 * it answers — the file under the document root with `Server: nginx/<version>`, Last-Modified and
 * ETag; 403 for a directory without index.html, 404 for a missing file (with its error-log line),
 * 405 for a method other than GET and HEAD on a static file. One access-log line per request in the
 * image's `main` format: the combined format plus "$http_x_forwarded_for".
 */
import type { AppBehaviour, Signal } from './app-server.js';
import type { ContainerFs } from './container-fs.js';
import type { PodRequest, PodResponse } from './node-network.js';
import { errorLogTime, startLines, stopLines, NGINX_WORKER_PID } from './nginx-logs.js';

const ROOT = '/usr/share/nginx/html';

const PAGE_STYLE = `<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>`;

const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
${PAGE_STYLE}
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const ERROR_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
${PAGE_STYLE}
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** default.conf as shipped; the entrypoint's 10-listen-on-ipv6 script adds the `[::]:80` line. */
const DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}
`;

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

export const NGINX_FILES: Record<string, string> = {
  '/etc/nginx/conf.d/default.conf': DEFAULT_CONF,
  '/etc/nginx/nginx.conf': NGINX_CONF,
  [`${ROOT}/index.html`]: WELCOME,
  [`${ROOT}/50x.html`]: ERROR_PAGE,
};

/** What the entrypoint's 10-listen-on-ipv6-by-default.sh does to default.conf. */
export function enableIpv6(fs: ContainerFs): void {
  const conf = fs.read('/etc/nginx/conf.d/default.conf');
  if (conf?.includes('listen       80;') && !conf.includes('[::]:80')) fs.write('/etc/nginx/conf.d/default.conf', conf.replace('listen       80;\n', 'listen       80;\n    listen  [::]:80;\n'));
}

/** When the image's html files were built: Last-Modified and the ETag's first half. */
const BUILT: Record<string, string> = { '1.27': '2024-11-26T15:55:00Z', '1.26': '2024-08-12T14:21:01Z', '1.25': '2024-04-16T14:29:59Z' };

const httpDate = (date: Date) => date.toUTCString();

/** `$time_local`: 28/Nov/2024:10:00:00 +0000. */
export function accessLogTime(now: Date): string {
  const [, day, month, year, time] = /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(now.toUTCString())!;
  return `${day}/${month}/${year}:${time} +0000`;
}

function errorPage(status: number, text: string, version: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

export interface NginxOptions {
  version: string;
  alpine: boolean;
  kernel: string;
  cpus: number;
  fs: ContainerFs;
}

export function nginxApp({ version, alpine, kernel, cpus, fs }: NginxOptions): AppBehaviour {
  let connection = 0;
  const built = new Date(BUILT[version.split('.').slice(0, 2).join('.')] ?? BUILT['1.27']!);
  const answer = (request: PodRequest, now: Date): { response: PodResponse; error?: string } => {
    const base = { Server: `nginx/${version}`, Date: httpDate(now) };
    const fail = (status: number, text: string, error?: string) => {
      const body = errorPage(status, text, version);
      return { response: { status, headers: { ...base, 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'keep-alive' }, body }, error };
    };
    const path = unescapePath(request.path.split('?')[0] || '/');
    // nginx answers a malformed escape (`/%A`) with 400 before looking for a file.
    if (path === undefined) return fail(400, 'Bad Request');
    const where = `client: ${request.remoteAddress}, server: localhost, request: "${request.method} ${request.path} HTTP/1.1", host: "${request.headers.host ?? request.headers.Host ?? 'localhost'}"`;
    let file = `${ROOT}${path}`;
    if (path.endsWith('/')) {
      if (!fs.isFile(`${file}index.html`)) return fail(fs.isDir(file) ? 403 : 404, fs.isDir(file) ? 'Forbidden' : 'Not Found', fs.isDir(file) ? `directory index of "${file}" is forbidden, ${where}` : `"${file}index.html" is not found (2: No such file or directory), ${where}`);
      file = `${file}index.html`;
    }
    const content = fs.read(file);
    if (content === undefined) return fail(404, 'Not Found', `open() "${file}" failed (2: No such file or directory), ${where}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405, 'Not Allowed');
    const length = Buffer.byteLength(content);
    const mtime = Math.floor(built.getTime() / 1000);
    const headers = { ...base, 'Content-Type': 'text/html', 'Content-Length': String(length), 'Last-Modified': httpDate(built), Connection: 'keep-alive', ETag: `"${mtime.toString(16)}-${length.toString(16)}"`, 'Accept-Ranges': 'bytes' };
    return { response: { status: 200, headers, body: request.method === 'HEAD' ? '' : content } };
  };
  return {
    ports: [80],
    warmupMs: 0,
    serviceMs: 1,
    exitCode: 0,
    startLines: (now) => startLines(now, version, alpine, kernel, cpus),
    listenLines: () => [],
    answer(request, _port, now) {
      connection++;
      const { response, error } = answer(request, now);
      const h = request.headers;
      const bytes = request.method === 'HEAD' ? 0 : Buffer.byteLength(response.body);
      const line = `${request.remoteAddress} - - [${accessLogTime(now)}] "${request.method} ${request.path} HTTP/1.1" ${response.status} ${bytes} "${h.referer ?? h.Referer ?? '-'}" "${h['user-agent'] ?? h['User-Agent'] ?? '-'}" "${h['x-forwarded-for'] ?? h['X-Forwarded-For'] ?? '-'}"`;
      const errorLine = error ? `${errorLogTime(now)} [error] ${NGINX_WORKER_PID}#${NGINX_WORKER_PID}: *${connection} ${error}` : undefined;
      return { response, log: errorLine ? [errorLine, line] : [line] };
    },
    // The image's STOPSIGNAL is SIGQUIT: graceful. SIGTERM (nginx -s stop) is the fast shutdown.
    onSignal: (signal: Signal) => (signal === 'SIGQUIT' ? 'drain' : signal === 'SIGTERM' ? 'exit' : 'ignore'),
    stopLines: (signal, now) => stopLines(now, signal === 'SIGTERM' ? 'SIGTERM' : 'SIGQUIT', cpus),
  };
}

function unescapePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
