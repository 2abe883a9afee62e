import { describe, expect, it } from 'vitest';
import { fieldLabel, formatPath, parseFieldPath, readPath } from '../../../src/engine/checks/field-path.js';
import { deployment } from './cluster-fixtures.js';

function segments(text: string) {
  const parsed = parseFieldPath(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.segments;
}

describe('parseFieldPath', () => {
  it('parses names, indexes, [key=value] and quoted keys', () => {
    expect(segments('spec.template.spec.containers[0].image')).toEqual([
      { key: 'spec' }, { key: 'template' }, { key: 'spec' }, { key: 'containers' }, { index: 0 }, { key: 'image' },
    ]);
    expect(segments('spec.template.spec.containers[name=nginx].image')[4]).toEqual({ where: { key: 'name', value: 'nginx' } });
    expect(segments('metadata.annotations["deployment.kubernetes.io/revision"]')[2]).toEqual({ key: 'deployment.kubernetes.io/revision' });
  });

  it.each([
    ['', '"" is not a field path: it is empty'],
    ['spec..replicas', '"spec..replicas" is not a field path: expected a field name at ".replicas"'],
    ['spec.containers[0', '"spec.containers[0" is not a field path: a [ is never closed'],
    ['spec.containers[*]', '"spec.containers[*]" is not a field path: "[*]" should be [0], [name=value] or ["key"]'],
    ['spec[0]image', '"spec[0]image" is not a field path: expected . or [ before "image"'],
  ])('rejects %j', (text, message) => {
    expect(parseFieldPath(text)).toEqual({ ok: false, message });
  });

  it('formats back to the same text', () => {
    for (const text of ['spec.template.spec.containers[name=nginx].image', 'metadata.annotations["deployment.kubernetes.io/revision"]', 'status.conditions[1].type']) {
      expect(formatPath(segments(text))).toBe(text);
    }
  });

  it('labels a field by its last name', () => {
    expect(fieldLabel(segments('spec.template.spec.containers[name=nginx].image'))).toBe('image');
    expect(fieldLabel(segments('status.conditions[0]'))).toBe('conditions');
  });
});

describe('readPath', () => {
  const nginx = deployment('nginx-depl', 'nginx:1.25');

  it('reads through lists by index and by [key=value]', () => {
    expect(readPath(nginx, segments('spec.template.spec.containers[0].image'))).toEqual({ found: true, value: 'nginx:1.25' });
    expect(readPath(nginx, segments('spec.template.spec.containers[name=nginx].imagePullPolicy'))).toEqual({ found: true, value: 'IfNotPresent' });
    expect(readPath(nginx, segments('metadata.annotations["deployment.kubernetes.io/revision"]'))).toEqual({ found: true, value: '1' });
  });

  it('says where the path stops', () => {
    expect(readPath(nginx, segments('spec.template.spec.containers[name=redis].image'))).toEqual({
      found: false,
      missing: 'spec.template.spec.containers[name=redis]',
    });
    expect(readPath(nginx, segments('spec.replicas.count'))).toEqual({ found: false, missing: 'spec.replicas.count' });
  });

  it('finds falsy values that are set', () => {
    expect(readPath({ spec: { paused: false, replicas: 0 } }, segments('spec.replicas'))).toEqual({ found: true, value: 0 });
    expect(readPath({ spec: { paused: false } }, segments('spec.paused'))).toEqual({ found: true, value: false });
  });
});
