/**
 * `minikube service NAME --url` on kubedojo's sandbox, answered by the app: there is no minikube
 * there, but the sandbox's NodePorts listen on 127.0.0.1, so the URL minikube would print
 * (`http://<node IP>:<nodePort>`, or a 127.0.0.1 tunnel with the docker driver on macOS) is
 * `http://127.0.0.1:<nodePort>`. The learner gets the same line, and the offer to fetch it.
 * See docs/decisions.md, "App: minikube service and curl on the sandbox".
 */
import { flagIsOn, flagValue, scanKubectlArgs } from '../commands/kubectl-args.js';

/** What the answer needs to know about a Service. */
export interface ServicePorts {
  type: string;
  nodePorts: number[];
}

export interface MinikubeServiceDeps {
  /** The tutorial namespace, used when the command names none. */
  namespace: string;
  readService(namespace: string, name: string): Promise<ServicePorts | undefined>;
  onLine(line: string, stream: 'stdout' | 'stderr'): void;
}

/** True for the commands this module answers: `minikube service NAME …`. */
export function isMinikubeService(argv: readonly string[]): boolean {
  const scanned = scanKubectlArgs(argv.slice(1));
  return argv[0] === 'minikube' && scanned.positionals[0] === 'service' && scanned.positionals[1] !== undefined && scanned.positionals[1] !== 'list';
}

/** Prints the Service's URLs; returns minikube's exit code for the case. */
export async function answerMinikubeService(argv: readonly string[], deps: MinikubeServiceDeps): Promise<number> {
  const scanned = scanKubectlArgs(argv.slice(1));
  const name = scanned.positionals[1]!;
  const namespace = flagValue(scanned, 'namespace') ?? deps.namespace;
  let service: ServicePorts | undefined;
  try {
    service = await deps.readService(namespace, name);
  } catch (error) {
    deps.onLine(`kubedojo: could not read service ${name}: ${error instanceof Error ? error.message : String(error)}`, 'stderr');
    return 1;
  }
  if (service === undefined) {
    // minikube's own wording for this case (SVC_NOT_FOUND).
    deps.onLine(`Exiting due to SVC_NOT_FOUND: Service '${name}' was not found in '${namespace}' namespace.`, 'stderr');
    deps.onLine(`You may select another namespace by using 'minikube service ${name} -n <namespace>'.`, 'stderr');
    return 1;
  }
  if (service.nodePorts.length === 0) {
    deps.onLine(`service ${namespace}/${name} has no node port: it is of type ${service.type}. minikube service needs a NodePort or LoadBalancer Service.`, 'stderr');
    return 1;
  }
  const urls = service.nodePorts.map((port) => `http://127.0.0.1:${port}`);
  for (const url of urls) deps.onLine(url, 'stdout');
  const on = 'kubedojo: on the sandbox, NodePorts listen on 127.0.0.1 (minikube would print its node address instead).';
  deps.onLine(flagIsOn(scanned, 'url') ? on : `${on} minikube without --url would open your browser.`, 'stderr');
  deps.onLine(`kubedojo: type \`curl ${urls[0]}\` to fetch it.`, 'stderr');
  return 0;
}
