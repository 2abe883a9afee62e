/**
 * ServiceAccount tokens: what the TokenRequest API issues and the token authenticator accepts.
 * They are JWTs with the claims kube-apiserver puts in (issuer, audiences, `kubernetes.io` with the
 * namespace and ServiceAccount, `sub`, `jti`), signed with HMAC-SHA256 under the sandbox's key
 * instead of RS256 (nobody outside verifies them). Time is the sandbox's: a token asked for
 * `expirationSeconds` lives that many simulated seconds (divided by the clock's speed, like every
 * other delay), and its `exp` is the wall-clock instant that comes to.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SimClock } from '../clock.js';

/** minikube's `--service-account-issuer` and the API audience it implies. */
export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const API_AUDIENCES = [ISSUER];

export interface IssueRequest {
  namespace: string;
  name: string;
  uid: string;
  expirationSeconds: number;
  audiences: string[];
}

export interface IssuedToken {
  token: string;
  /** When it stops working (wall clock). */
  expiresAt: Date;
  /** The `jti`, reported as the credential id. */
  id: string;
}

export interface VerifiedToken {
  namespace: string;
  name: string;
  uid: string;
  id: string;
}

interface Claims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  jti: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } };
  nbf: number;
  sub: string;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', kid: 'kubedojo-sandbox', typ: 'JWT' }));

/** A bound on verified tokens remembered: past it the cache starts over (a room has one per learner). */
const MAX_VERIFIED = 10_000;

export class ServiceAccountTokens {
  /**
   * Tokens whose signature and claims checked out, with their claims: a learner's kubectl and app
   * send the same token on every request, and the HMAC and the JSON parse were a fixed cost of
   * each. Only the signature check is skipped on a hit; the time window is checked every time.
   */
  private readonly verified = new Map<string, Claims>();

  constructor(
    private readonly key: Buffer,
    private readonly clock: SimClock,
  ) {}

  issue(request: IssueRequest): IssuedToken {
    const now = this.clock.now().getTime();
    const expiresAt = new Date(now + (request.expirationSeconds * 1000) / this.clock.speed);
    const id = randomUUID();
    const claims: Claims = {
      aud: request.audiences,
      exp: expiresAt.getTime() / 1000,
      iat: Math.floor(now / 1000),
      iss: ISSUER,
      jti: id,
      'kubernetes.io': { namespace: request.namespace, serviceaccount: { name: request.name, uid: request.uid } },
      nbf: Math.floor(now / 1000),
      sub: `system:serviceaccount:${request.namespace}:${request.name}`,
    };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt, id };
  }

  /** The ServiceAccount a token names, or undefined for a forged, expired or foreign one. */
  verify(token: string): VerifiedToken | undefined {
    const claims = this.verified.get(token) ?? this.checkSignature(token);
    if (!claims) return undefined;
    const now = this.clock.now().getTime() / 1000;
    if (now >= claims.exp || now < claims.nbf) {
      this.verified.delete(token);
      return undefined;
    }
    const sa = claims['kubernetes.io'].serviceaccount;
    return { namespace: claims['kubernetes.io'].namespace, name: sa.name, uid: sa.uid, id: claims.jti };
  }

  /** The claims of a token signed with our key for our API, whatever the time; remembered. */
  private checkSignature(token: string): Claims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    } catch {
      return undefined;
    }
    if (claims.iss !== ISSUER || typeof claims.exp !== 'number') return undefined;
    if (!Array.isArray(claims.aud) || !claims.aud.some((audience) => API_AUDIENCES.includes(audience))) return undefined;
    const sa = claims['kubernetes.io']?.serviceaccount;
    const namespace = claims['kubernetes.io']?.namespace;
    if (!sa?.name || !sa.uid || !namespace) return undefined;
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
