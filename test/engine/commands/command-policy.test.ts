import { describe, expect, it } from 'vitest';
import { commandPolicy, interpretCommandLine } from '../../../src/engine/commands/command-policy.js';
import { kubectlMode, minikubeMode } from '../../../src/engine/commands/command-mode.js';
import { typoDistance } from '../../../src/engine/commands/typo-distance.js';

const words = (text: string): string[] => text.split(' ');

describe('commandPolicy: which programs', () => {
  it('allows kubectl and minikube', () => {
    expect(commandPolicy(words('kubectl get pods'))).toMatchObject({ allowed: true, program: 'kubectl', mode: 'ordinary' });
    expect(commandPolicy(words('minikube start'))).toMatchObject({ allowed: true, program: 'minikube', mode: 'ordinary' });
  });

  it('refuses other programs with a friendly pointer to the learner’s terminal', () => {
    const decision = commandPolicy(words('ls -la'));
    expect(decision).toEqual({ allowed: false, reason: '`ls` is not a kubectl or minikube command: run it in your own terminal.' });
  });

  it.each([
    ['kubeclt', 'kubectl'],
    ['kubectl.', 'kubectl'],
    ['kubctl', 'kubectl'],
    ['Kubectl', 'kubectl'],
    ['minkube', 'minikube'],
    ['k', 'kubectl'],
  ])('suggests the right program for %s', (typed, meant) => {
    const decision = commandPolicy([typed, 'get', 'pods']);
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.reason).toContain(`Did you mean \`${meant}\`?`);
    expect(decision.suggestion).toEqual([meant, 'get', 'pods']);
  });

  it('makes no suggestion for unrelated programs', () => {
    for (const typed of ['ls', 'kube', 'helm', 'curl']) {
      const decision = commandPolicy([typed]);
      expect(decision.allowed === false && decision.suggestion).toBeFalsy();
    }
  });

  it('refuses a path to kubectl and suggests the bare name', () => {
    const decision = commandPolicy(words('/tmp/kubectl get pods'));
    expect(decision).toMatchObject({ allowed: false, suggestion: ['kubectl', 'get', 'pods'] });
  });

  it('refuses an empty argv', () => {
    expect(commandPolicy([]).allowed).toBe(false);
  });
});

describe('commandPolicy: safety guard', () => {
  it.each([
    'kubectl --context prod get pods',
    'kubectl get pods --context=prod',
    'kubectl --kubeconfig /home/me/.kube/config delete pod web',
    'kubectl -s https://prod.example.com get pods',
    'kubectl --token abc get pods',
    'kubectl --as admin delete pod x',
  ])('refuses flags that leave the pinned cluster: %s', (text) => {
    const decision = commandPolicy(words(text));
    expect(decision).toMatchObject({ allowed: false, reason: expect.stringContaining('pinned') });
  });

  it('refuses changes in another namespace but allows reading it', () => {
    expect(commandPolicy(words('kubectl delete pod x -n kube-system'))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('`kube-system`'),
    });
    expect(commandPolicy(words('kubectl scale deploy web --replicas=3 --namespace=default')).allowed).toBe(false);
    expect(commandPolicy(words('kubectl get pods -n kube-system')).allowed).toBe(true);
    expect(commandPolicy(words('kubectl get pods -A')).allowed).toBe(true);
    expect(commandPolicy(words('kubectl delete pods --all -A')).allowed).toBe(false);
    expect(commandPolicy(words('kubectl apply -n kubedojo -f web.yaml')).allowed).toBe(true);
  });

  it('uses the configured tutorial namespace', () => {
    expect(commandPolicy(words('kubectl delete pod x -n learner-7'), { namespace: 'learner-7' }).allowed).toBe(true);
    expect(commandPolicy(words('kubectl delete pod x -n kubedojo'), { namespace: 'learner-7' }).allowed).toBe(false);
  });

  // docs/decisions.md "Command guard: course namespaces": the tutorial namespace itself is never
  // created or deleted by a typed command; `kubedojo-…` namespaces are (chapter 2).
  it('refuses cluster-wide changes and the tutorial namespace itself, allows kubedojo- namespaces', () => {
    for (const text of ['kubectl delete ns kube-system', 'kubectl create namespace other', 'kubectl delete namespace/default',
      'kubectl label node minikube x=y', 'kubectl drain minikube', 'kubectl delete pv,pvc --all', 'kubectl delete ns']) {
      expect(commandPolicy(words(text)).allowed, text).toBe(false);
    }
    expect(commandPolicy(words('kubectl delete namespace kubedojo')).allowed).toBe(false);
    expect(commandPolicy(words('kubectl delete namespace kubedojo-staging')).allowed).toBe(true);
    expect(commandPolicy(words('kubectl get nodes')).allowed).toBe(true);
    expect(commandPolicy(words('kubectl create deployment web --image=nginx')).allowed).toBe(true);
  });

  it('allows the namespaces the course creates (kubedojo-…), and only those', () => {
    for (const text of ['kubectl create namespace kubedojo-staging', 'kubectl delete namespace kubedojo-staging --ignore-not-found',
      'kubectl create deployment storefront --image=nginx:1.25 -n kubedojo-staging', 'kubectl delete ns/kubedojo-staging']) {
      expect(commandPolicy(words(text)).allowed, text).toBe(true);
    }
    for (const text of ['kubectl create namespace staging', 'kubectl delete namespace kubedojo-', 'kubectl delete namespace kubedojo-staging default',
      'kubectl create deployment web --image=nginx -n kubedojox', 'kubectl delete pod x -n staging-kubedojo']) {
      expect(commandPolicy(words(text)).allowed, text).toBe(false);
    }
  });

  it('refuses kubectl config commands that would rewrite the pinned kubeconfig', () => {
    expect(commandPolicy(words('kubectl config use-context prod')).allowed).toBe(false);
    expect(commandPolicy(words('kubectl config set-cluster x --server=https://evil')).allowed).toBe(false);
    expect(commandPolicy(words('kubectl config view')).allowed).toBe(true);
    expect(commandPolicy(words('kubectl config current-context')).allowed).toBe(true);
  });

  it('applies the kubectl guard to `minikube kubectl --`', () => {
    expect(commandPolicy(words('minikube kubectl -- delete ns kube-system')).allowed).toBe(false);
    expect(commandPolicy(words('minikube kubectl -- get pods'))).toMatchObject({ allowed: true, mode: 'ordinary' });
  });
});

describe('kubectlMode', () => {
  it.each([
    ['edit deploy web', 'interactive'],
    ['-n kubedojo edit deploy/web', 'interactive'],
    ['apply edit-last-applied deploy/web', 'interactive'],
    ['create deployment web --image=nginx --edit', 'interactive'],
    ['exec -it web-1 -- sh', 'interactive'],
    ['exec -ti web-1 -- sh', 'interactive'],
    ['exec -i -t web-1 -- sh', 'interactive'],
    ['exec --stdin --tty web-1 -- sh', 'interactive'],
    ['exec web-1 -c app -it -- sh', 'interactive'],
    ['attach -it web-1', 'interactive'],
    ['run tmp --rm -it --image=busybox -- sh', 'interactive'],
    ['debug -it web-1 --image=busybox', 'interactive'],
    ['exec web-1 -- ls -it', 'ordinary'],
    ['exec web-1 -- cat /etc/hosts', 'ordinary'],
    ['get pods -w', 'streaming'],
    ['get pods --watch', 'streaming'],
    ['get pods --watch-only', 'streaming'],
    ['get pods -lapp=web -w', 'streaming'],
    ['get pods --watch=false', 'ordinary'],
    ['get pods -f web.yaml', 'ordinary'],
    ['events -w', 'streaming'],
    ['logs -f deploy/web', 'streaming'],
    ['logs --follow web-1', 'streaming'],
    ['logs web-1 -c app', 'ordinary'],
    ['port-forward svc/web 8080:80', 'streaming'],
    ['proxy', 'streaming'],
    ['attach web-1', 'streaming'],
    ['rollout status deploy/web', 'ordinary'],
    ['rollout undo deploy/web', 'ordinary'],
    ['get pods', 'ordinary'],
    ['', 'ordinary'],
  ])('kubectl %s -> %s', (args, mode) => {
    expect(kubectlMode(args === '' ? [] : words(args))).toBe(mode);
  });
});

describe('minikubeMode', () => {
  it.each([
    ['ssh', 'interactive'],
    ['ssh -- ls /', 'ordinary'],
    ['tunnel', 'streaming'],
    ['dashboard --url', 'streaming'],
    ['service web --url', 'streaming'],
    ['logs -f', 'streaming'],
    ['logs', 'ordinary'],
    ['start --driver=docker', 'ordinary'],
    ['kubectl -- get pods -w', 'streaming'],
  ])('minikube %s -> %s', (args, mode) => {
    expect(minikubeMode(words(args))).toBe(mode);
  });
});

describe('interpretCommandLine', () => {
  it('parses then judges', () => {
    expect(interpretCommandLine('kubectl get pods -w')).toMatchObject({ allowed: true, mode: 'streaming', argv: ['kubectl', 'get', 'pods', '-w'] });
    expect(interpretCommandLine('kubectl get pods | wc -l')).toMatchObject({ allowed: false, reason: expect.stringContaining('without a shell') });
    expect(interpretCommandLine("kubectl get 'pods")).toMatchObject({ allowed: false, reason: expect.stringContaining('never closed') });
  });
});

describe('typoDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(typoDistance('kubeclt', 'kubectl')).toBe(1);
    expect(typoDistance('kubectl.', 'kubectl')).toBe(1);
    expect(typoDistance('', 'abc')).toBe(3);
    expect(typoDistance('kubectl', 'kubectl')).toBe(0);
  });
});
