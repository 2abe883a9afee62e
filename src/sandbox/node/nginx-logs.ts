/**
 * What the official nginx image prints: docker-entrypoint.sh's configuration lines (only when the
 * container runs `nginx` through the entrypoint), the master's start-up notices with one worker per
 * CPU (worker_processes auto), and the shutdown the image's STOPSIGNAL (SIGQUIT) starts — a graceful
 * one; SIGTERM (`nginx -s stop`) is nginx's fast shutdown. Error-log lines carry the container's local
 * time, which is UTC.
 */

/** nginx's error-log time: `2024/11/28 10:00:00`. */
export function errorLogTime(now: Date): string {
  return now.toISOString().replace(/^(\d+)-(\d+)-(\d+)T([\d:]+)\..*$/, '$1/$2/$3 $4');
}

export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

export const NGINX_WORKER_PID = 29;

export function workerPids(cpus: number): number[] {
  return Array.from({ length: Math.max(1, cpus) }, (_, i) => NGINX_WORKER_PID + i);
}

export function entrypointLines(version: string): string[] {
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
  ];
}

function compiler(version: string, alpine: boolean): string {
  if (alpine) return versionAtLeast(version, '1.26.0') ? 'gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ' : 'gcc 13.2.1 20231014 (Alpine 13.2.1_git20231014) ';
  // Images from 1.25 on are built on Debian bookworm, older ones on bullseye.
  return versionAtLeast(version, '1.25.0') ? 'gcc 12.2.0 (Debian 12.2.0-14) ' : 'gcc 10.2.1 20210110 (Debian 10.2.1-6) ';
}

export function startLines(now: Date, version: string, alpine: boolean, kernel: string, cpus: number): string[] {
  const t = errorLogTime(now);
  return [
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/${version}`,
    `${t} [notice] 1#1: built by ${compiler(version, alpine)}`,
    `${t} [notice] 1#1: OS: Linux ${kernel}`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
    ...workerPids(cpus).map((pid) => `${t} [notice] 1#1: start worker process ${pid}`),
  ];
}

export function stopLines(now: Date, signal: 'SIGQUIT' | 'SIGTERM', cpus: number): string[] {
  const t = errorLogTime(now);
  const pids = workerPids(cpus);
  const graceful = signal === 'SIGQUIT';
  return [
    graceful ? `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down` : `${t} [notice] 1#1: signal 15 (SIGTERM) received, exiting`,
    ...(graceful ? pids.map((pid) => `${t} [notice] ${pid}#${pid}: gracefully shutting down`) : []),
    ...pids.map((pid) => `${t} [notice] ${pid}#${pid}: exiting`),
    ...pids.map((pid) => `${t} [notice] ${pid}#${pid}: exit`),
    ...pids.flatMap((pid) => [`${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${pid}`, `${t} [notice] 1#1: worker process ${pid} exited with code 0`]),
    `${t} [notice] 1#1: exit`,
  ];
}
