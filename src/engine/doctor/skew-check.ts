import { check } from './check.js';
import { installKubectlVersion } from './install-hints.js';
import type { DoctorCheck, Platform } from './types.js';
import { minorSkew, parseKubeVersion, releaseTag } from './versions.js';

export interface SkewInput {
  /** kubectl's version, undefined when there is no kubectl. */
  client: string | undefined;
  /** The API server's version, undefined when it was not reached. */
  server: string | undefined;
  platform: Platform;
  arch: string;
}

/** Check 2: kubectl is supported within one minor version of the API server, either side. */
export function skewCheck({ client, server, platform, arch }: SkewInput): DoctorCheck {
  if (client === undefined) return check('version-skew', 'skip', 'No kubectl to compare.');
  if (server === undefined) return check('version-skew', 'skip', 'No cluster reached to compare with.');
  const clientVersion = parseKubeVersion(client);
  const serverVersion = parseKubeVersion(server);
  if (clientVersion === undefined || serverVersion === undefined) {
    return check('version-skew', 'warn', `Cannot compare kubectl ${client} with server ${server}: unknown version format.`);
  }

  const apart = minorSkew(clientVersion, serverVersion);
  if (apart <= 1) {
    return check('version-skew', 'ok', `kubectl ${client} and server ${server} are within one minor version.`);
  }
  const distance = Number.isFinite(apart) ? `${apart} minor versions apart` : 'different major versions';
  const supported = `${serverVersion.major}.${Math.max(serverVersion.minor - 1, 0)} to ${serverVersion.major}.${serverVersion.minor + 1}`;
  const tag = releaseTag(serverVersion);
  return check(
    'version-skew',
    'warn',
    `kubectl ${client} and server ${server} are ${distance}; kubectl supports one minor version either side ` +
      `of the server (kubectl ${supported} here). Some commands may fail or behave differently.`,
    `Install kubectl ${tag}, the server's version:\n${installKubectlVersion(platform, arch, tag)}`,
  );
}
