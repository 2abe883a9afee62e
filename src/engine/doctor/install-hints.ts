/**
 * Install commands per OS, from the official pages:
 * kubectl  https://kubernetes.io/docs/tasks/tools/ (install-kubectl-linux / -macos / -windows),
 * minikube https://minikube.sigs.k8s.io/docs/start/
 */
import type { Platform } from './types.js';

/** Release file names use Go's architecture names. */
function goArch(arch: string): 'amd64' | 'arm64' {
  return arch === 'arm64' ? 'arm64' : 'amd64';
}

export function installKubectl(platform: Platform, arch: string): string {
  switch (platform) {
    case 'darwin':
      return 'brew install kubectl';
    case 'win32':
      return 'winget install -e --id Kubernetes.kubectl';
    case 'linux':
      return [
        `curl -LO "https://dl.k8s.io/release/$(curl -L -s https://dl.k8s.io/release/stable.txt)/bin/linux/${goArch(arch)}/kubectl"`,
        'sudo install -o root -g root -m 0755 kubectl /usr/local/bin/kubectl',
      ].join('\n');
    default:
      return 'Install kubectl: https://kubernetes.io/docs/tasks/tools/';
  }
}

/** A kubectl of one exact version (`v1.31.2`), for a cluster that an installed kubectl is too far from. */
export function installKubectlVersion(platform: Platform, arch: string, version: string): string {
  const base = `https://dl.k8s.io/release/${version}/bin`;
  switch (platform) {
    case 'darwin':
      return [
        `curl -LO "${base}/darwin/${goArch(arch)}/kubectl"`,
        'chmod +x ./kubectl && sudo mv ./kubectl /usr/local/bin/kubectl',
      ].join('\n');
    case 'win32':
      return `curl.exe -LO "${base}/windows/${goArch(arch)}/kubectl.exe"  (then put kubectl.exe first on your PATH)`;
    case 'linux':
      return [`curl -LO "${base}/linux/${goArch(arch)}/kubectl"`, 'sudo install -o root -g root -m 0755 kubectl /usr/local/bin/kubectl'].join('\n');
    default:
      return `Install kubectl ${version}: https://kubernetes.io/docs/tasks/tools/`;
  }
}

export function installMinikube(platform: Platform, arch: string): string {
  switch (platform) {
    case 'darwin':
      return 'brew install minikube';
    case 'win32':
      return 'winget install Kubernetes.minikube';
    case 'linux': {
      const file = `minikube-linux-${goArch(arch)}`;
      return [
        `curl -LO https://github.com/kubernetes/minikube/releases/latest/download/${file}`,
        `sudo install ${file} /usr/local/bin/minikube && rm ${file}`,
      ].join('\n');
    }
    default:
      return 'Install minikube: https://minikube.sigs.k8s.io/docs/start/';
  }
}
