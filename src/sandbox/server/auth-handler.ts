/**
 * The APIs that answer about the caller instead of storing anything: the TokenRequest subresource
 * (`POST …/serviceaccounts/NAME/token`, what `kubectl create token` sends), SelfSubjectAccessReview
 * (`kubectl auth can-i`), SelfSubjectRulesReview (`kubectl auth can-i --list`) and SelfSubjectReview
 * (`kubectl auth whoami`), each as its pkg/registry/... REST storage answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, internal, invalid, type KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import type { ObjectStore } from '../store/object-store.js';
import { API_AUDIENCES, escalationRefusal, newForbidden, SERVICE_ACCOUNTS, type RequestAttributes, type SandboxAuth, type UserInfo } from '../auth/index.js';
import type { ResourceRoute } from './routes.js';
import { decodeObjectBody } from './negotiation.js';
import { sendObject } from './respond.js';

/** TokenRequest's bounds (pkg/apis/authentication/validation) and default (SetDefaults_TokenRequestSpec). */
const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;
const DEFAULT_TOKEN_SECONDS = 3600;

export interface AuthRequest {
  req: IncomingMessage;
  res: ServerResponse;
  route: ResourceRoute;
  body: Buffer;
  user: UserInfo;
}

export class AuthHandler {
  constructor(
    private readonly auth: SandboxAuth,
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
  ) {}

  /** Answers the request when it is one of these APIs; false otherwise. */
  handle(request: AuthRequest): boolean {
    const { route, req } = request;
    if (req.method !== 'POST') return false;
    if (route.type === SERVICE_ACCOUNTS && route.subresource === 'token' && route.name) {
      this.tokenRequest(request);
      return true;
    }
    if (route.subresource || route.name) return false;
    switch (`${route.type.group}/${route.type.kind}`) {
      case 'authorization.k8s.io/SelfSubjectAccessReview':
        this.accessReview(request);
        return true;
      case 'authorization.k8s.io/SelfSubjectRulesReview':
        this.rulesReview(request);
        return true;
      case 'authentication.k8s.io/SelfSubjectReview':
        this.selfReview(request);
        return true;
      default:
        return false;
    }
  }

  private tokenRequest({ req, res, route, body }: AuthRequest): void {
    const name = route.name!;
    const namespace = route.namespace ?? '';
    const request = body.length > 0 ? decodeObjectBody(body, req.headers['content-type']) : {};
    const meta = request.metadata ?? {};
    if (meta.name && meta.name !== name) {
      throw invalid('TokenRequest', 'authentication.k8s.io', name, [{ type: 'FieldValueInvalid', field: 'metadata.name', detail: `Invalid value: ${JSON.stringify(meta.name)}: must match the service account name if specified` }]);
    }
    if (meta.namespace && meta.namespace !== namespace) {
      throw invalid('TokenRequest', 'authentication.k8s.io', name, [{ type: 'FieldValueInvalid', field: 'metadata.namespace', detail: `Invalid value: ${JSON.stringify(meta.namespace)}: must match the service account namespace if specified` }]);
    }
    const account = this.store.get(SERVICE_ACCOUNTS, namespace, name);
    const spec = request.spec ?? {};
    const expirationSeconds = spec.expirationSeconds == null || spec.expirationSeconds === 0 ? DEFAULT_TOKEN_SECONDS : Number(spec.expirationSeconds);
    if (!Number.isInteger(expirationSeconds) || expirationSeconds < MIN_TOKEN_SECONDS) {
      throw invalid('TokenRequest', 'authentication.k8s.io', '', [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', detail: `Invalid value: ${spec.expirationSeconds}: may not specify a duration less than 10 minutes` }]);
    }
    if (expirationSeconds > MAX_TOKEN_SECONDS) {
      throw invalid('TokenRequest', 'authentication.k8s.io', '', [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', detail: `Invalid value: ${spec.expirationSeconds}: may not specify a duration larger than 2^32 seconds` }]);
    }
    if (spec.boundObjectRef) throw badRequest('the kubedojo sandbox issues no tokens bound to objects');
    const audiences: string[] | undefined = Array.isArray(spec.audiences) && spec.audiences.length > 0 ? spec.audiences : undefined;
    const issued = this.auth.issueToken(account, expirationSeconds, audiences);
    sendObject(res, 201, {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: this.clock.timestamp() },
      spec: { audiences: audiences ?? API_AUDIENCES, expirationSeconds, boundObjectRef: null },
      status: { token: issued.token, expirationTimestamp: this.clock.timestamp(issued.expiresAt) },
    });
  }

  private accessReview({ req, res, body, user }: AuthRequest): void {
    const review = decodeObjectBody(body, req.headers['content-type']);
    const spec = review.spec ?? {};
    const resource = spec.resourceAttributes as KubeObject | undefined;
    const nonResource = spec.nonResourceAttributes as KubeObject | undefined;
    if (!resource === !nonResource) {
      throw invalid('SelfSubjectAccessReview', 'authorization.k8s.io', '', [
        { type: 'FieldValueRequired', field: 'spec.resourceAttributes', detail: 'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified' },
      ]);
    }
    const attributes: RequestAttributes = resource
      ? {
          isResourceRequest: true,
          path: '',
          verb: resource.verb ?? '',
          apiGroup: resource.group ?? '',
          apiVersion: resource.version || '*',
          namespace: resource.namespace ?? '',
          resource: resource.resource ?? '',
          subresource: resource.subresource ?? '',
          name: resource.name ?? '',
        }
      : { isResourceRequest: false, path: nonResource!.path ?? '', verb: nonResource!.verb ?? '', apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '' };
    const decision = this.auth.authorize(user, attributes);
    const status: KubeObject = { allowed: decision.allowed };
    if (decision.reason) status.reason = decision.reason;
    sendObject(res, 201, {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { ...(review.metadata ?? {}), creationTimestamp: null },
      spec,
      status,
    });
  }

  private rulesReview({ req, res, body, user }: AuthRequest): void {
    const review = decodeObjectBody(body, req.headers['content-type']);
    const namespace = review.spec?.namespace ?? '';
    if (!namespace) throw badRequest('no namespace on request');
    const rules = this.auth.rules(user, namespace);
    sendObject(res, 201, {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: {},
      status: rules,
    });
  }

  private selfReview({ res, user }: AuthRequest): void {
    const userInfo: KubeObject = { username: user.name };
    if (user.uid) userInfo.uid = user.uid;
    userInfo.groups = user.groups;
    if (user.extra) userInfo.extra = user.extra;
    sendObject(res, 201, {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo },
    });
  }
}

/**
 * RBAC's escalation check for writes of Roles, ClusterRoles and their bindings by anyone but
 * system:masters (auth/rbac/escalation.ts), as the registry's last step before storing.
 */
export function escalationGuard(auth: SandboxAuth, user: UserInfo, route: ResourceRoute): ((object: KubeObject) => void) | undefined {
  if (route.type.group !== 'rbac.authorization.k8s.io' || route.subresource) return undefined;
  return (object) => {
    const refusal = escalationRefusal(auth.rbac, user, route.type.kind, object, route.namespace ?? '');
    if (!refusal) return;
    if (refusal.code === 500) throw internal(refusal.message);
    throw newForbidden(route.type.plural, route.type.group, object.metadata?.name ?? '', refusal.message);
  };
}
