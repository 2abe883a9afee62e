/** Kubernetes version strings as kubectl and API servers report them. */

export interface KubeVersion {
  major: number;
  minor: number;
  patch: number | undefined;
  /** As reported, e.g. `v1.32.4-dispatcher`, `v1.30.2+k3s1`. */
  text: string;
}

/** Reads `v1.32.4`, `1.32`, `v1.32.4-dispatcher`, `v1.30.2+k3s1`; undefined for anything else. */
export function parseKubeVersion(text: string): KubeVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: match[3] === undefined ? undefined : Number(match[3]), text: text.trim() };
}

/** The release tag to download a kubectl for this server: `v1.31.2` (build suffixes dropped). */
export function releaseTag(version: KubeVersion): string {
  return `v${version.major}.${version.minor}.${version.patch ?? 0}`;
}

/**
 * kubectl is supported within one minor version (older or newer) of kube-apiserver:
 * https://kubernetes.io/releases/version-skew-policy/#kubectl
 * Returns how many minor versions apart they are, Infinity across major versions.
 */
export function minorSkew(client: KubeVersion, server: KubeVersion): number {
  if (client.major !== server.major) return Number.POSITIVE_INFINITY;
  return Math.abs(client.minor - server.minor);
}

/**
 * The client version out of `kubectl version --client -o json`. Falls back to the first
 * `vX.Y.Z` in the text, for kubectls that print warnings around the JSON.
 */
export function clientVersionOf(stdout: string): string | undefined {
  try {
    const parsed = JSON.parse(stdout) as { clientVersion?: { gitVersion?: unknown } };
    const version = parsed.clientVersion?.gitVersion;
    if (typeof version === 'string' && version !== '') return version;
  } catch {
    // not JSON: look for the version below
  }
  return /\bv\d+\.\d+\.\d+[^\s",]*/.exec(stdout)?.[0];
}
