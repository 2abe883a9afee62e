/**
 * Which kubectl commands kubedojo runs at all (issue #7): what a course can use. Everything else —
 * plugins, node commands, `cp`, `debug`, `config set-*` — is refused with a did-you-mean. The
 * flag table (scripts/gen-kubectl-flags.ts) is generated for exactly these commands.
 */

/** Top-level commands, each with the subcommands allowed under it (`undefined`: all of them). */
export const ALLOWED_KUBECTL_COMMANDS: Readonly<Record<string, readonly string[] | undefined>> = {
  get: undefined,
  describe: undefined,
  logs: undefined,
  create: undefined,
  apply: undefined,
  delete: undefined,
  edit: undefined,
  patch: undefined,
  replace: undefined,
  scale: undefined,
  set: undefined,
  rollout: undefined,
  expose: undefined,
  label: undefined,
  annotate: undefined,
  exec: undefined,
  'port-forward': undefined,
  proxy: undefined,
  explain: undefined,
  'api-resources': undefined,
  'api-versions': undefined,
  // `cluster-info dump` writes every namespace's logs to a directory of the learner's choosing.
  'cluster-info': [],
  version: undefined,
  wait: undefined,
  top: undefined,
  diff: undefined,
  run: undefined,
  events: undefined,
  auth: ['can-i'],
  // Only the verbs that read the pinned kubeconfig; the others would rewrite it.
  config: ['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users'],
};

/** Commands that only read the cluster; every other allowed command changes it. */
export const READ_ONLY_KUBECTL_COMMANDS: ReadonlySet<string> = new Set([
  'get', 'describe', 'logs', 'explain', 'api-resources', 'api-versions', 'cluster-info', 'version',
  'wait', 'top', 'top pod', 'top node', 'diff', 'events', 'auth can-i', 'port-forward', 'proxy',
  'config view', 'config get-contexts', 'config current-context', 'config get-clusters', 'config get-users',
  'rollout status', 'rollout history', 'apply view-last-applied',
]);

/**
 * The commands the flag table covers: the allowed ones, plus two the guard refuses but whose
 * flags the app still reads to tell how they would run (`attach -it`, `debug -it` need the terminal).
 */
export const KUBECTL_TABLE_COMMANDS: readonly string[] = [...Object.keys(ALLOWED_KUBECTL_COMMANDS), 'attach', 'debug'];
