/** The pure parts: version arithmetic, the skew boundary, minikube's status JSON, PATH lookup per OS. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExecutableLookup } from '../../../src/engine/doctor/index.js';
import { parseMinikubeStatus } from '../../../src/engine/doctor/minikube-status.js';
import { skewCheck } from '../../../src/engine/doctor/skew-check.js';
import { clientVersionOf, parseKubeVersion, releaseTag } from '../../../src/engine/doctor/versions.js';
import { tempDir } from './doctor-env.js';

describe('versions', () => {
  it('reads the versions kubectl and servers report', () => {
    expect(parseKubeVersion('v1.32.4-dispatcher')).toMatchObject({ major: 1, minor: 32, patch: 4 });
    expect(parseKubeVersion('v1.30.2+k3s1')).toMatchObject({ major: 1, minor: 30, patch: 2 });
    expect(parseKubeVersion('1.29')).toMatchObject({ major: 1, minor: 29, patch: undefined });
    expect(parseKubeVersion('unknown')).toBeUndefined();
    expect(releaseTag(parseKubeVersion('v1.30.2+k3s1')!)).toBe('v1.30.2');
  });

  it('finds the client version in JSON or, failing that, in the text', () => {
    expect(clientVersionOf('{"clientVersion":{"gitVersion":"v1.31.1"}}')).toBe('v1.31.1');
    expect(clientVersionOf('WARNING: something\nClient Version: v1.28.3\n')).toBe('v1.28.3');
    expect(clientVersionOf('nothing here')).toBeUndefined();
  });
});

describe('skewCheck', () => {
  const skew = (client: string, server: string) => skewCheck({ client, server, platform: 'linux', arch: 'x64' }).status;

  it('accepts one minor version either side and warns from two', () => {
    expect(skew('v1.31.0', 'v1.32.0')).toBe('ok');
    expect(skew('v1.33.2', 'v1.32.0')).toBe('ok');
    expect(skew('v1.30.9', 'v1.32.0')).toBe('warn');
    expect(skew('v1.34.0', 'v1.32.0')).toBe('warn');
    expect(skew('v2.32.0', 'v1.32.0')).toBe('warn');
  });

  it('gives the exact versions and a download of the server version for each OS', () => {
    const darwin = skewCheck({ client: 'v1.34.1', server: 'v1.31.5-gke.100', platform: 'darwin', arch: 'arm64' });
    expect(darwin.detail).toContain('kubectl v1.34.1 and server v1.31.5-gke.100 are 3 minor versions apart');
    expect(darwin.detail).toContain('(kubectl 1.30 to 1.32 here)');
    expect(darwin.fix).toBe(
      "Install kubectl v1.31.5, the server's version:\n" +
        'curl -LO "https://dl.k8s.io/release/v1.31.5/bin/darwin/arm64/kubectl"\n' +
        'chmod +x ./kubectl && sudo mv ./kubectl /usr/local/bin/kubectl',
    );
    const windows = skewCheck({ client: 'v1.34.1', server: 'v1.31.5', platform: 'win32', arch: 'x64' });
    expect(windows.fix).toContain('curl.exe -LO "https://dl.k8s.io/release/v1.31.5/bin/windows/amd64/kubectl.exe"');
  });

  it('skips when there is nothing to compare', () => {
    expect(skewCheck({ client: undefined, server: 'v1.32.0', platform: 'linux', arch: 'x64' }).status).toBe('skip');
    expect(skewCheck({ client: 'v1.32.0', server: undefined, platform: 'linux', arch: 'x64' }).status).toBe('skip');
  });
});

describe('parseMinikubeStatus', () => {
  const status = (stdout: string, exitCode = 0, stderr = '') => parseMinikubeStatus({ stdout, stderr, exitCode });

  it('tells running, stopped and missing clusters apart', () => {
    expect(status('{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running"}')).toEqual({ kind: 'running', profile: 'minikube' });
    expect(status('{"Name":"minikube","Host":"Stopped","APIServer":"Stopped"}', 7)).toEqual({ kind: 'stopped', profile: 'minikube' });
    expect(status('{"Name":"minikube","Host":"Nonexistent","APIServer":"Nonexistent"}', 85)).toEqual({ kind: 'no-cluster' });
    expect(status('', 85, '🤷  Profile "minikube" not found.')).toEqual({ kind: 'no-cluster' });
    expect(status('{"Name":"x","Host":"Starting","APIServer":"Stopped"}')).toEqual({ kind: 'stopped', profile: 'x' });
    expect(status('{"Name":"x","Host":"Error","APIServer":"Error"}', 1)).toEqual({ kind: 'unknown', reason: 'minikube reports host Error, apiserver Error' });
  });
});

describe('createExecutableLookup', () => {
  it('finds an executable file on a POSIX PATH and skips one without the execute bit', async () => {
    const first = await tempDir();
    const second = await tempDir();
    await writeFile(join(first, 'kubectl'), '#!/bin/sh\n');
    await chmod(join(first, 'kubectl'), 0o644);
    await writeFile(join(second, 'kubectl'), '#!/bin/sh\n');
    await chmod(join(second, 'kubectl'), 0o755);
    await mkdir(join(first, 'minikube')); // a folder is not a program

    const which = createExecutableLookup({ PATH: `${first}:${second}` }, 'linux');

    expect(await which('kubectl')).toBe(join(second, 'kubectl'));
    expect(await which('minikube')).toBeUndefined();
  });

  it('on Windows reads `Path` in any case, splits on `;` and tries PATHEXT in order', async () => {
    const tried: string[] = [];
    const disk = new Set(['D:\\tools\\kubectl.exe', 'C:\\bin\\minikube']);
    const which = createExecutableLookup({ Path: 'C:\\bin;D:\\tools', PATHEXT: '.COM;.EXE' }, 'win32', async (file, windows) => {
      expect(windows).toBe(true);
      tried.push(file);
      return disk.has(file);
    });

    expect(await which('kubectl')).toBe('D:\\tools\\kubectl.exe');
    expect(tried).toEqual(['C:\\bin\\kubectl.com', 'C:\\bin\\kubectl.exe', 'D:\\tools\\kubectl.com', 'D:\\tools\\kubectl.exe']);
    // Without an extension a file does not run on Windows.
    expect(await which('minikube')).toBeUndefined();
  });
});
