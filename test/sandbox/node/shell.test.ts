import { describe, expect, test } from 'vitest';
import { findImage } from '../../../src/sandbox/node/image-catalog.js';
import { resolveCommand } from '../../../src/sandbox/node/shell-runner.js';
import { parseShell } from '../../../src/sandbox/node/shell.js';

const commands = (script: string, env: Record<string, string> = {}) => {
  const parsed = parseShell(script, env);
  if (!parsed.ok) throw new Error(`unsupported: ${parsed.construct}`);
  return parsed.list.items.map(({ op, node }) => (node.kind === 'command' ? [op, node.exec ? 'exec' : '', ...node.argv] : [op, 'while']));
};

describe('sh -c scripts', () => {
  test('the forms the course uses', () => {
    expect(commands("sleep 20; exec nginx -g 'daemon off;'")).toEqual([[';', '', 'sleep', '20'], [';', 'exec', 'nginx', '-g', 'daemon off;']]);
    expect(commands('sleep 5 && nginx -g "daemon off;"')).toEqual([[';', '', 'sleep', '5'], ['&&', '', 'nginx', '-g', 'daemon off;']]);
    expect(commands('test -f /tmp/x || exit 1')).toEqual([[';', '', 'test', '-f', '/tmp/x'], ['||', '', 'exit', '1']]);
    expect(commands('touch /tmp/healthy\nsleep 30; rm -f /tmp/healthy')).toEqual([[';', '', 'touch', '/tmp/healthy'], [';', '', 'sleep', '30'], [';', '', 'rm', '-f', '/tmp/healthy']]);
    expect(commands('echo "$HOSTNAME is ${MODE}" \'$HOME\'', { HOSTNAME: 'web-1', MODE: 'live' })).toEqual([[';', '', 'echo', 'web-1 is live', '$HOME']]);
  });

  test('loops and redirections', () => {
    const parsed = parseShell('while true; do wget -qO- web >> /tmp/log 2>&1; sleep 1; done', {});
    expect(parsed.ok && parsed.list.items[0]!.node).toEqual({
      kind: 'while',
      condition: { items: [{ op: ';', node: { kind: 'command', argv: ['true'], exec: false, redirects: [] } }] },
      body: {
        items: [
          { op: ';', node: { kind: 'command', argv: ['wget', '-qO-', 'web'], exec: false, redirects: [{ fd: 1, target: '/tmp/log', append: true }, { fd: 2, target: '&1', append: false }] } },
          { op: ';', node: { kind: 'command', argv: ['sleep', '1'], exec: false, redirects: [] } },
        ],
      },
    });
  });

  test('what it does not simulate is named, not guessed', () => {
    expect(parseShell('nginx -g "daemon off;" & sleep 5', {})).toEqual({ ok: false, construct: '&' });
    expect(parseShell('cat /etc/hosts | grep web', {})).toEqual({ ok: false, construct: '|' });
    expect(parseShell('echo $(date)', {})).toEqual({ ok: false, construct: '$(…)' });
    expect(parseShell('if true; then echo; fi', {})).toEqual({ ok: false, construct: 'if' });
    expect(parseShell('A=1 env', {})).toEqual({ ok: false, construct: 'variable assignment' });
  });
});

describe('which binaries an image has', () => {
  test('shells, tools and servers by image', () => {
    const nginx = findImage('nginx:1.27')!;
    const alpine = findImage('nginx:1.27-alpine')!;
    const busybox = findImage('busybox')!;
    const coredns = findImage('registry.k8s.io/coredns/coredns:v1.11.3')!;
    expect([resolveCommand('sh', nginx), resolveCommand('bash', nginx), resolveCommand('bash', alpine)]).toEqual(['shell', 'shell', 'missing']);
    expect([resolveCommand('curl', nginx), resolveCommand('wget', nginx), resolveCommand('wget', busybox), resolveCommand('curl', busybox)]).toEqual(['net', 'missing', 'net', 'missing']);
    expect([resolveCommand('nginx', nginx), resolveCommand('/docker-entrypoint.sh', nginx), resolveCommand('nginx', busybox)]).toEqual(['server', 'entrypoint', 'missing']);
    expect([resolveCommand('/bin/sleep', busybox), resolveCommand('sleep', coredns), resolveCommand('sh', coredns), resolveCommand('/coredns', coredns)]).toEqual(['coreutil', 'missing', 'missing', 'server']);
    expect(resolveCommand('python', nginx)).toBe('unsupported');
  });
});
