export { kubeconfigFiles, loadUserKubeconfig } from './kubeconfig-loader.js';
export type { KubeconfigSources, LoadedKubeconfig } from './kubeconfig-loader.js';
export { classifyContext, isLocalClusterName, isLocalServer, listContexts } from './context-classifier.js';
export type { ClassifiedContext } from './context-classifier.js';
export { chooseContext, SANDBOX_CONTEXT } from './choose-context.js';
export type { ChooseContextInput, ContextDecision, ContextFlags } from './choose-context.js';
export { PINNED_KUBECONFIG_FILE, writePinnedKubeconfig } from './pinned-kubeconfig.js';
export { abortWith, ensureNamespace, probeCluster } from './cluster-probe.js';
export type { ProbeResult } from './cluster-probe.js';
