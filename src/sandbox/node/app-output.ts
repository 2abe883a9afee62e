/**
 * What the simulated containers print. The course runs nginx, so nginx prints what the official image
 * does: the docker-entrypoint.sh configuration lines, then the master's notices; on SIGQUIT (the
 * image's STOPSIGNAL) a graceful shutdown. Other images print nothing yet.
 */
import { parseImage } from './images.js';

export interface AppOutput {
  startup(now: Date): string[];
  shutdown(now: Date): string[];
}

/** nginx versions behind the image tags the course meets; an exact tag (`1.25.3`) is its own version. */
const NGINX_VERSIONS: Record<string, string> = {
  latest: '1.27.3',
  mainline: '1.27.3',
  '1': '1.27.3',
  '1.27': '1.27.3',
  stable: '1.26.2',
  '1.26': '1.26.2',
  '1.25': '1.25.5',
  '1.24': '1.24.0',
  '1.23': '1.23.4',
  '1.22': '1.22.1',
  '1.21': '1.21.6',
};

/** nginx's error-log time: local time of the container, which is UTC. */
function logTime(now: Date): string {
  return now.toISOString().replace(/^(\d+)-(\d+)-(\d+)T([\d:]+)\..*$/, '$1/$2/$3 $4');
}

function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

function nginx(version: string, kernel: string, workers: number): AppOutput {
  const workerPids = Array.from({ length: workers }, (_, i) => 29 + i);
  // Images from 1.25 on are built on Debian bookworm, older ones on bullseye.
  const gcc = versionAtLeast(version, '1.25.0') ? 'gcc 12.2.0 (Debian 12.2.0-14)' : 'gcc 10.2.1 20210110 (Debian 10.2.1-6)';
  return {
    startup(now) {
      const t = logTime(now);
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        // The local-resolvers script arrived with the 1.25.3 images.
        ...(versionAtLeast(version, '1.25.3') ? ['/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'] : []),
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${t} [notice] 1#1: using the "epoll" event method`,
        `${t} [notice] 1#1: nginx/${version}`,
        `${t} [notice] 1#1: built by ${gcc} `,
        `${t} [notice] 1#1: OS: Linux ${kernel}`,
        `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${t} [notice] 1#1: start worker processes`,
        ...workerPids.map((pid) => `${t} [notice] 1#1: start worker process ${pid}`),
      ];
    },
    shutdown(now) {
      const t = logTime(now);
      return [
        `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
        ...workerPids.map((pid) => `${t} [notice] ${pid}#${pid}: gracefully shutting down`),
        ...workerPids.map((pid) => `${t} [notice] ${pid}#${pid}: exiting`),
        ...workerPids.map((pid) => `${t} [notice] ${pid}#${pid}: exit`),
        ...workerPids.flatMap((pid) => [`${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${pid}`, `${t} [notice] 1#1: worker process ${pid} exited with code 0`]),
        `${t} [notice] 1#1: exit`,
      ];
    },
  };
}

/** The output model of an image, if the sandbox has one. `kernel` and `cpus` come from the Node. */
export function appOutput(image: string, kernel: string, cpus: number): AppOutput | undefined {
  const ref = parseImage(image);
  if (ref.path !== 'library/nginx' || ref.domain !== 'docker.io') return undefined;
  const tag = ref.tag.replace(/-(alpine|perl|bookworm|bullseye).*$/, '');
  const version = NGINX_VERSIONS[tag] ?? (/^\d+\.\d+\.\d+$/.test(tag) ? tag : NGINX_VERSIONS.latest!);
  return nginx(version, kernel, Math.max(1, cpus));
}
