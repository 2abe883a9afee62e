/**
 * The oracle for the meter's lean client: the meter's request as it was written over Node's own
 * http client (`agent: false`, a new connection per request), classifying with the same rules.
 * probe-request.test.ts sends both to the same servers and expects the same verdicts.
 */
import { request } from 'node:http';
import type { MeterVersionSource } from '../../../src/engine/checks/schema.js';
import { MAX_BODY } from '../../../src/engine/meter/http1-response.js';
import { outcomeOfError, versionOf, type ProbeResult } from '../../../src/engine/meter/probe-request.js';

export function nodeHttpProbe(url: string, options: { timeoutMs: number; version?: MeterVersionSource }): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(url, { agent: false, headers: { 'user-agent': 'kubedojo-meter', connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('error', (error: NodeJS.ErrnoException) => settle({ outcome: outcomeOfError(error.code), detail: error.code ?? error.message }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 500) return settle({ outcome: 'http5xx', status, detail: `HTTP ${status}` });
        const server = typeof res.headers.server === 'string' ? res.headers.server : undefined;
        const version = versionOf(options.version, server, Buffer.concat(chunks).toString('utf8'));
        settle({ outcome: 'answered', status, ...(version === undefined ? {} : { version }) });
      });
    });
    const timer = setTimeout(() => {
      settle({ outcome: 'timeout', detail: 'timed out' });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => settle({ outcome: outcomeOfError(error.code), detail: error.code ?? error.message }));
    req.end();
  });
}
