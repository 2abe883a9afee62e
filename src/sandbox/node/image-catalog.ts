/**
 * The images the sandbox's node can pull, in one table: for each repository and its tags, the size
 * the runtime reports, how long a first pull takes on a home connection, what the image runs by
 * default (ENTRYPOINT and CMD, as `docker image inspect` shows them), its STOPSIGNAL, which userland
 * it ships (the shell and the error messages of cat, rm, ls; curl or wget) and what its server does.
 * Sizes and pull times approximate the published amd64 images; anything not listed here does not
 * exist as far as the sandbox's registry is concerned, and pulling it fails as it would on Docker Hub.
 */
import { parseImage } from './images.js';

/** What the image's main binary is, when it runs (app-servers.ts gives each its behaviour). */
export type AppSpec =
  | { kind: 'nginx'; version: string }
  /** The course's demo apps: one text per version, `warmupSeconds` before the port opens. */
  | { kind: 'demo'; app: 'shop' | 'myapp'; version: number; warmupSeconds: number }
  | { kind: 'mongo'; version: string }
  | { kind: 'coredns'; version: string }
  /** A control-plane or add-on binary: runs, serves nothing the sandbox simulates. */
  | { kind: 'system'; binary: string }
  /** No server at all (busybox): only the shell and its tools. */
  | { kind: 'none' };

/** debian and ubuntu ship dash and GNU coreutils, alpine and busybox BusyBox, distroless nothing. */
export type Userland = 'gnu' | 'busybox' | 'none';

export interface CatalogImage {
  /** As `docker images` names it: `nginx`, `kubedojo/shop`, `registry.k8s.io/coredns/coredns`. */
  repository: string;
  tag: string;
  sizeBytes: number;
  /** A first pull; pulls of a present image only check the manifest. */
  pullSeconds: number;
  entrypoint: string[];
  cmd: string[];
  stopSignal: 'SIGTERM' | 'SIGQUIT';
  userland: Userland;
  /** Binaries beyond the shell and coreutils: curl, wget, bash. */
  tools: string[];
  env: Record<string, string>;
  app: AppSpec;
  /** In minikube's preload tarball: present on the node from the start. */
  preloaded: boolean;
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const NGINX_CMD = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], stopSignal: 'SIGQUIT' as const };

type Row = Omit<CatalogImage, 'tag' | 'preloaded' | 'env'> & { tags: string[]; env?: Record<string, string>; preloaded?: boolean };

function nginx(version: string, tags: string[], alpine: boolean, sizeBytes: number): Row {
  return {
    repository: 'nginx',
    tags: [version, ...tags].flatMap((t) => (alpine ? [t === '' ? 'alpine' : `${t}-alpine`] : [t])).filter(Boolean),
    sizeBytes,
    pullSeconds: alpine ? 1.5 : 3.5,
    ...NGINX_CMD,
    userland: alpine ? 'busybox' : 'gnu',
    // The Debian images carry curl; the Alpine ones curl and BusyBox's wget.
    tools: alpine ? ['curl', 'wget'] : ['curl', 'bash'],
    env: { NGINX_VERSION: version, PKG_RELEASE: alpine ? '1' : '1~bookworm' },
    app: { kind: 'nginx', version },
  };
}

function demo(repository: string, app: 'shop' | 'myapp', version: number, sizeBytes: number): Row {
  const binary = app === 'shop' ? '/usr/local/bin/shop' : '/app/myapp';
  return {
    repository,
    tags: [String(version)],
    sizeBytes,
    pullSeconds: app === 'shop' ? 2.5 : 4,
    entrypoint: [],
    cmd: [binary],
    stopSignal: 'SIGTERM',
    userland: 'busybox',
    tools: ['wget'],
    // Version 2 of both demo apps loads for 20 seconds before it opens its port (the seed's v2).
    app: { kind: 'demo', app, version, warmupSeconds: version === 2 ? 20 : 0 },
  };
}

function system(repository: string, tag: string, binary: string, sizeBytes: number): Row {
  return { repository, tags: [tag], sizeBytes, pullSeconds: 2, entrypoint: [binary], cmd: [], stopSignal: 'SIGTERM', userland: 'none', tools: [], app: { kind: 'system', binary }, preloaded: true };
}

const ROWS: Row[] = [
  // nginx: the exact version first, then the tags that point at it.
  nginx('1.27.3', ['1.27', '1', 'mainline', 'latest', 'bookworm', 'mainline-bookworm', '1.27-bookworm', '1.27.3-bookworm'], false, 192_004_242),
  nginx('1.27.3', ['1.27', '1', 'mainline', ''], true, 47_983_948),
  nginx('1.27.2', [], false, 191_667_119),
  nginx('1.27.1', [], false, 187_706_879),
  nginx('1.27.0', [], false, 187_603_368),
  nginx('1.26.2', ['1.26', 'stable', 'stable-bookworm', '1.26-bookworm'], false, 188_271_360),
  nginx('1.26.2', ['1.26', 'stable'], true, 43_325_440),
  nginx('1.26.1', [], false, 187_965_248),
  nginx('1.26.0', [], false, 187_701_126),
  nginx('1.25.5', ['1.25', '1.25-bookworm'], false, 187_694_648),
  nginx('1.25.5', ['1.25'], true, 48_288_964),
  nginx('1.25.4', [], false, 187_678_908),
  nginx('1.25.3', [], false, 187_068_448),
  nginx('1.25.2', [], false, 186_953_442),
  nginx('1.25.1', [], false, 186_825_736),
  nginx('1.25.0', [], false, 142_560_184),
  { repository: 'busybox', tags: ['1.37.0', '1.37', '1', 'latest', 'stable'], sizeBytes: 4_269_406, pullSeconds: 1.5, entrypoint: [], cmd: ['sh'], stopSignal: 'SIGTERM', userland: 'busybox', tools: ['wget'], app: { kind: 'none' } },
  { repository: 'busybox', tags: ['1.36.1', '1.36'], sizeBytes: 4_261_550, pullSeconds: 1.5, entrypoint: [], cmd: ['sh'], stopSignal: 'SIGTERM', userland: 'busybox', tools: ['wget'], app: { kind: 'none' } },
  // mongo is the course's "large image": half a minute to pull on a home line.
  { repository: 'mongo', tags: ['8.0.4', '8.0', '8', 'latest'], sizeBytes: 854_902_467, pullSeconds: 28, entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'], stopSignal: 'SIGTERM', userland: 'gnu', tools: ['bash'], env: { MONGO_MAJOR: '8.0', MONGO_VERSION: '8.0.4' }, app: { kind: 'mongo', version: '8.0.4' } },
  { repository: 'mongo', tags: ['7.0.16', '7.0', '7'], sizeBytes: 795_370_219, pullSeconds: 26, entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'], stopSignal: 'SIGTERM', userland: 'gnu', tools: ['bash'], env: { MONGO_MAJOR: '7.0', MONGO_VERSION: '7.0.16' }, app: { kind: 'mongo', version: '7.0.16' } },
  // The course's demo images. No `latest` tag: `--image=kubedojo/shop` fails to pull, as it would.
  demo('kubedojo/shop', 'shop', 1, 12_845_056),
  demo('kubedojo/shop', 'shop', 2, 12_851_200),
  // The seed article's images, with the same two behaviours (v2 warms up for 20 s).
  demo('jahongirr/myapp', 'myapp', 1, 96_412_800),
  demo('jahongirr/myapp', 'myapp', 2, 96_417_024),
  // What minikube preloads (never pulled unless imagePullPolicy says Always).
  { ...system('registry.k8s.io/coredns/coredns', 'v1.11.3', '/coredns', 61_245_718), app: { kind: 'coredns', version: '1.11.3' } },
  system('registry.k8s.io/etcd', '3.5.16-0', 'etcd', 149_580_634),
  system('registry.k8s.io/kube-apiserver', 'v1.32.0', 'kube-apiserver', 93_955_392),
  system('registry.k8s.io/kube-controller-manager', 'v1.32.0', 'kube-controller-manager', 88_182_080),
  system('registry.k8s.io/kube-scheduler', 'v1.32.0', 'kube-scheduler', 68_887_328),
  system('registry.k8s.io/kube-proxy', 'v1.32.0', '/usr/local/bin/kube-proxy', 94_009_344),
  system('registry.k8s.io/pause', '3.10', '/pause', 736_256),
  system('gcr.io/k8s-minikube/storage-provisioner', 'v5', '/storage-provisioner', 31_465_472),
];

/** `docker.io/library/nginx` for `nginx`, the key both the table and references normalize to. */
function repositoryKey(repository: string): string {
  const ref = parseImage(`${repository}:x`);
  return `${ref.domain}/${ref.path}`;
}

const CATALOG = new Map<string, CatalogImage>();
for (const row of ROWS) {
  for (const tag of row.tags) {
    const { tags: _tags, ...rest } = row;
    CATALOG.set(`${repositoryKey(row.repository)}:${tag}`, { ...rest, tag, env: { PATH, ...row.env }, preloaded: row.preloaded ?? false });
  }
}
const REPOSITORIES = new Set(ROWS.map((r) => repositoryKey(r.repository)));

/** The image a reference names, if the sandbox's registry has it. */
export function findImage(image: string): CatalogImage | undefined {
  const ref = parseImage(image);
  return CATALOG.get(`${ref.domain}/${ref.path}:${ref.tag}`);
}

/** Whether the repository exists at all (a wrong tag and a wrong name fail differently). */
export function knownRepository(image: string): boolean {
  const ref = parseImage(image);
  return REPOSITORIES.has(`${ref.domain}/${ref.path}`);
}
