/**
 * Bodies captured from the real kubectl 1.32 (see fixtures/README.md): each must decode to the JSON
 * object kubectl would have sent for the same command, which is what `--dry-run=client -o json`
 * prints, with its `null`s removed (the decoder leaves Go's nulls out rather than writing them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { decodeProtobufObject } from '../../../src/sandbox/protobuf/index.js';

interface Fixture {
  command: string;
  contentType: string;
  accept: string;
  body: string;
  json: KubeObject;
}

const fixtureDir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as Fixture] as const);

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null)
      .map(([key, member]) => [key, withoutNulls(member)]),
  );
}

describe('bodies kubectl 1.32 sends as protobuf', () => {
  it('has the captures the sandbox relies on', () => {
    expect(fixtures.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'create-deployment-nginx-depl.json',
        'create-deployment-web.json',
        'create-namespace.json',
        'create-service-clusterip.json',
        'create-configmap.json',
        'create-secret-generic.json',
        'drain-delete-pod.json',
      ]),
    );
  });

  it.each(fixtures)('%s decodes to the JSON kubectl would send', (_name, fixture) => {
    expect(fixture.contentType).toBe('application/vnd.kubernetes.protobuf');
    expect(fixture.accept).toBe('application/vnd.kubernetes.protobuf,application/json');
    expect(decodeProtobufObject(Buffer.from(fixture.body, 'base64'))).toEqual(withoutNulls(fixture.json));
  });

  it('keeps the zeros that were set on purpose', () => {
    const decode = (name: string) => {
      const fixture = fixtures.find(([file]) => file === name)?.[1];
      return decodeProtobufObject(Buffer.from(fixture!.body, 'base64'));
    };
    expect(decode('create-deployment-zero-replicas.json').spec.replicas).toBe(0);
    expect(decode('drain-delete-pod-grace-0.json')).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 });
    expect(decode('drain-delete-pod.json')).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1' });
  });
});
