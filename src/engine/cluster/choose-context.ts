import type { KubeConfig } from '@kubernetes/client-node';
import { classifyContext, listContexts, type ClassifiedContext, type Confirmations } from './context-classifier.js';
import { confirmContexts, type ToolRunner } from './local-tool-confirmation.js';

/** The context name kubedojo's built-in sandbox cluster goes by. */
export const SANDBOX_CONTEXT = 'kubedojo-sandbox';

export interface ContextFlags {
  /** `--context NAME` */
  context?: string | undefined;
  /** `--allow-remote`: only honoured together with `--context`, for that one context. */
  allowRemote?: boolean | undefined;
}

export type ContextDecision =
  /** Practise on this context (through a pinned copy of it). */
  | { kind: 'use'; context: ClassifiedContext; remote: boolean; message: string }
  /** No usable context: start the built-in sandbox. */
  | { kind: 'sandbox'; message: string }
  /** The flags ask for something kubedojo will not do: print the message and exit 1. */
  | { kind: 'refused'; message: string };

export interface ChooseContextInput {
  kubeconfig: KubeConfig;
  flags?: ContextFlags;
  /** Named in messages; default `kubedojo`. */
  namespace?: string;
  /**
   * What minikube/kind/k3d said about contexts at a private address ({@link chooseContextConfirmed}
   * asks them). Without it such contexts are not local.
   */
  confirmations?: Confirmations;
}

/**
 * Picks the cluster to practise on. Without flags: the current context if it is local, else the
 * first local context, else the sandbox. A remote context is used only when the learner named it
 * with `--context NAME --allow-remote`.
 */
export function chooseContext({ kubeconfig, flags = {}, namespace = 'kubedojo', confirmations }: ChooseContextInput): ContextDecision {
  if (flags.allowRemote && !flags.context) {
    return { kind: 'refused', message: '`--allow-remote` needs `--context NAME` naming the one cluster you allow.' };
  }
  if (flags.context) return chooseNamed(kubeconfig, flags.context, flags.allowRemote === true, namespace, confirmations);

  const contexts = listContexts(kubeconfig, confirmations);
  const current = contexts.find((context) => context.isCurrent);
  if (current?.local) return use(current, `Using your current context \`${current.name}\` (${current.reason}).`);

  const firstLocal = contexts.find((context) => context.local);
  if (firstLocal !== undefined) {
    const why = current === undefined ? '' : `Your current context \`${current.name}\` does not look local, so `;
    const verb = current === undefined ? 'Using' : 'kubedojo uses';
    return use(firstLocal, `${why}${verb} \`${firstLocal.name}\` (${firstLocal.reason}); your kubeconfig is not changed.`);
  }

  if (current === undefined) {
    return { kind: 'sandbox', message: 'No cluster found in your kubeconfig: using kubedojo\'s built-in sandbox cluster.' };
  }
  return {
    kind: 'sandbox',
    message:
      `Your current context \`${current.name}\` does not look local (${current.reason}), so kubedojo leaves it alone ` +
      `and uses its built-in sandbox cluster. To practise on \`${current.name}\` anyway: ` +
      `--context ${current.name} --allow-remote (kubedojo then only changes the \`${namespace}\` namespace there).`,
  };
}

/**
 * {@link chooseContext}, after asking minikube/kind/k3d about the contexts at a private address
 * (only those; with `--allow-remote` nothing needs asking).
 */
export async function chooseContextConfirmed(input: Omit<ChooseContextInput, 'confirmations'> & { tools: ToolRunner }): Promise<ContextDecision> {
  const { tools, ...rest } = input;
  if (input.flags?.allowRemote === true) return chooseContext(rest);
  return chooseContext({ ...rest, confirmations: await confirmContexts(input.kubeconfig, tools, input.flags?.context) });
}

function chooseNamed(kubeconfig: KubeConfig, name: string, allowRemote: boolean, namespace: string, confirmations?: Confirmations): ContextDecision {
  const context = classifyContext(kubeconfig, name, confirmations);
  if (context === undefined) {
    if (name === SANDBOX_CONTEXT) return { kind: 'sandbox', message: 'Using kubedojo\'s built-in sandbox cluster.' };
    const known = kubeconfig.getContexts().map((c) => `\`${c.name}\``);
    const listing = known.length === 0 ? 'Your kubeconfig has no contexts.' : `Contexts there: ${known.join(', ')}.`;
    return { kind: 'refused', message: `There is no context \`${name}\` in your kubeconfig. ${listing}` };
  }
  if (context.local) return use(context, `Using \`${context.name}\` (${context.reason}).`);
  if (context.server === undefined) return { kind: 'refused', message: `Cannot use \`${name}\`: ${context.reason}.` };
  if (allowRemote) {
    return {
      kind: 'use',
      context,
      remote: true,
      message: `Using \`${context.name}\` at ${context.server} because you passed --allow-remote. kubedojo only changes the \`${namespace}\` namespace there.`,
    };
  }
  return {
    kind: 'refused',
    message:
      `\`${context.name}\` does not look like a local cluster: ${context.reason}. kubedojo only practises on local ` +
      `clusters unless you pass \`--context ${context.name} --allow-remote\`.`,
  };
}

function use(context: ClassifiedContext, message: string): ContextDecision {
  return { kind: 'use', context, remote: false, message };
}
