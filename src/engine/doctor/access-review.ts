import { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, requestJson } from '../session/kube-api.js';

/** One "may I?" question, as in `kubectl auth can-i VERB RESOURCE -n NAMESPACE`. */
export interface AccessRequest {
  verb: string;
  /** API group: '' for the core group, `apps` for Deployments. */
  group: string;
  resource: string;
}

export type AccessReviewOutcome =
  /** The server answered every question; `denied` lists the ones it said no to. */
  | { kind: 'answered'; denied: AccessRequest[] }
  /** The server has no SelfSubjectAccessReview API (authorization.k8s.io/v1 answered 404). */
  | { kind: 'unsupported' }
  | { kind: 'error'; reason: string };

/** Asks the cluster behind a kubeconfig file about each request; never throws. */
export type AccessReviewer = (kubeconfigPath: string, namespace: string, requests: AccessRequest[], timeoutMs: number) => Promise<AccessReviewOutcome>;

/**
 * The real {@link AccessReviewer}: one SelfSubjectAccessReview per request, which is what
 * `kubectl auth can-i` sends. It needs no permission of its own: every authenticated user may ask.
 */
export const reviewAccess: AccessReviewer = async (kubeconfigPath, namespace, requests, timeoutMs) => {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(kubeconfigPath);
    const answers = await Promise.all(
      requests.map(async (request) => {
        const review = (await requestJson(kubeconfig, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes: { namespace, verb: request.verb, group: request.group, resource: request.resource } },
          },
          signal,
        })) as { status?: { allowed?: unknown } };
        return { request, allowed: review.status?.allowed === true };
      }),
    );
    return { kind: 'answered', denied: answers.filter((answer) => !answer.allowed).map((answer) => answer.request) };
  } catch (error) {
    if (error instanceof KubeApiError && error.statusCode === 404) return { kind: 'unsupported' };
    if (signal.aborted) return { kind: 'error', reason: `no answer within ${timeoutMs / 1000}s` };
    if (error instanceof KubeApiError) return { kind: 'error', reason: `the server answered HTTP ${error.statusCode}` };
    return { kind: 'error', reason: error instanceof Error ? error.message : String(error) };
  }
};

