/** Real HTTP requests to the sandbox's NodePorts, each on a new connection (as `curl` in a loop). */
import { request } from 'node:http';
import type { EventEmitter } from 'node:events';

export type Outcome = { status: number; body: string; headers: Record<string, string | string[] | undefined> } | { error: string };

export function get(url: string, options: { agent?: import('node:http').Agent } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

/** The Pod that answered (the fake servers name themselves in `X-Pod`), or the error code. */
export function servedBy(outcome: Outcome): string {
  if ('error' in outcome) return outcome.error;
  return String(outcome.headers['x-pod']);
}

/** Resolves with the first event `name` whose payload satisfies `match`. */
export function nextEvent<T>(emitter: EventEmitter, name: string, match: (payload: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(name, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for a '${name}' event`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      emitter.off(name, listener);
      resolve(payload);
    };
    emitter.on(name, listener);
  });
}
