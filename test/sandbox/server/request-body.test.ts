/**
 * Request bodies as HTTP/1.1 frames them: a request with neither Content-Length nor
 * Transfer-Encoding has none and is routed at once; chunked and sized bodies are read whole.
 */
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ speed: 50 });
});
afterAll(() => sandbox?.stop());

/** A raw request whose body goes out in the given pieces (chunked unless Content-Length is set). */
function send(method: string, path: string, headers: Record<string, string>, pieces: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, sandbox.server), { method, headers: { Authorization: `Bearer ${sandbox.token}`, ...headers }, ca: sandbox.caPem }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    let i = 0;
    const next = () => {
      if (i === pieces.length) return req.end();
      req.write(pieces[i++]!);
      setTimeout(next, 20);
    };
    next();
  });
}

const configMap = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

describe('request bodies', () => {
  it('a GET without a body is answered', async () => {
    const answer = await send('GET', '/api/v1/namespaces/default/configmaps', {}, []);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).kind).toBe('ConfigMapList');
  });

  it('a chunked body arriving in pieces is read whole', async () => {
    const text = configMap('chunked');
    const answer = await send('POST', '/api/v1/namespaces/default/configmaps', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, [text.slice(0, 10), text.slice(10, 40), text.slice(40)]);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body).data).toEqual({ a: '1' });
  });

  it('a sized body arriving in pieces is read whole', async () => {
    const text = configMap('sized');
    const answer = await send('POST', '/api/v1/namespaces/default/configmaps', { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }, [text.slice(0, 25), text.slice(25)]);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body).metadata.name).toBe('sized');
  });

  it('an empty body where one is needed gets the decoder error, as before', async () => {
    for (const headers of [{ 'Content-Length': '0' }, {}] as Record<string, string>[]) {
      const answer = await send('POST', '/api/v1/namespaces/default/configmaps', { 'Content-Type': 'application/json', ...headers }, []);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).message).toBe("couldn't get version/kind; json parse error: unexpected end of JSON input");
    }
  });
});
