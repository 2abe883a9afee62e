/**
 * A container's filesystem as far as the sandbox keeps one: the files its image really has that the
 * course reads (nginx's configuration and pages), the files the kubelet writes into every container
 * (/etc/hosts, /etc/hostname, /etc/resolv.conf, the service account's namespace), the usual top-level
 * directories, and whatever the container's commands create or remove (`touch /tmp/healthy`). One
 * per container run: a restarted container starts from the image again, as on a real node.
 */
import type { Userland } from './image-catalog.js';

const ROOT_DIRS: Record<Userland, string[]> = {
  gnu: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  none: ['dev', 'etc', 'proc', 'sys', 'var'],
};

export interface PodIdentity {
  name: string;
  namespace: string;
  podIP: string;
  hostname: string;
}

/** The kubelet-managed files (pkg/kubelet/kubelet_pods.go ensureHostsFile, dns.go). */
export function kubeletFiles(pod: PodIdentity): Record<string, string> {
  return {
    '/etc/hosts': [
      '# Kubernetes-managed hosts file.',
      '127.0.0.1\tlocalhost',
      '::1\tlocalhost ip6-localhost ip6-loopback',
      'fe00::0\tip6-localnet',
      'fe00::0\tip6-mcastprefix',
      'fe00::1\tip6-allnodes',
      'fe00::2\tip6-allrouters',
      `${pod.podIP}\t${pod.hostname}`,
      '',
    ].join('\n'),
    '/etc/hostname': `${pod.hostname}\n`,
    '/etc/resolv.conf': `nameserver 10.96.0.10\nsearch ${pod.namespace}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n`,
    '/var/run/secrets/kubernetes.io/serviceaccount/namespace': pod.namespace,
  };
}

export class ContainerFs {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(['/']);

  constructor(userland: Userland, files: Record<string, string>) {
    for (const dir of ROOT_DIRS[userland]) this.dirs.add(`/${dir}`);
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  static normalize(path: string, cwd = '/'): string {
    const parts: string[] = [];
    for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
      if (!part || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return `/${parts.join('/')}`;
  }

  read(path: string): string | undefined {
    return this.files.get(ContainerFs.normalize(path));
  }

  isFile(path: string): boolean {
    return this.files.has(ContainerFs.normalize(path));
  }

  isDir(path: string): boolean {
    return this.dirs.has(ContainerFs.normalize(path));
  }

  write(path: string, content: string, append = false): void {
    const p = ContainerFs.normalize(path);
    this.files.set(p, append ? (this.files.get(p) ?? '') + content : content);
    this.mkdir(p.slice(0, p.lastIndexOf('/')) || '/');
  }

  /** Whether the parent directory exists (a file can be created there). */
  canCreate(path: string): boolean {
    const p = ContainerFs.normalize(path);
    return this.isDir(p.slice(0, p.lastIndexOf('/')) || '/');
  }

  mkdir(path: string): void {
    for (let p = ContainerFs.normalize(path); p !== '/'; p = p.slice(0, p.lastIndexOf('/')) || '/') this.dirs.add(p);
  }

  remove(path: string): boolean {
    const p = ContainerFs.normalize(path);
    if (this.files.delete(p)) return true;
    if (!this.dirs.has(p) || p === '/') return false;
    for (const f of [...this.files.keys()]) if (f.startsWith(`${p}/`)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d === p || d.startsWith(`${p}/`)) this.dirs.delete(d);
    return true;
  }

  /** The names in a directory, sorted as `ls` sorts them (C locale). */
  list(path: string): string[] {
    const p = ContainerFs.normalize(path);
    const prefix = p === '/' ? '/' : `${p}/`;
    const names = new Set<string>();
    for (const entry of [...this.files.keys(), ...this.dirs]) {
      if (entry.startsWith(prefix) && entry !== p) names.add(entry.slice(prefix.length).split('/')[0]!);
    }
    return [...names].sort();
  }
}
