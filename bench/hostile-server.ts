/**
 * The sandbox of the "hostile input" benchmarks, in a process of its own, so its RSS is its own
 * and the probes measure it from outside. Started with --expose-gc by bench/hostile.ts; prints one
 * JSON line (server, token, CA) and answers IPC requests: `rss` (now and the peak since the last
 * `reset`), `gc` (then RSS and heap used), and `url` (a Service's NodePort URL).
 */
import { startSandbox } from '../src/sandbox/index.js';

const speed = Number(process.argv[2] ?? '1');
const sandbox = await startSandbox({ speed });
let peak = process.memoryUsage().rss;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50).unref();

process.on('message', (message: { id: number; op: string; namespace?: string; name?: string }) => {
  const reply = (value: unknown) => process.send!({ id: message.id, value });
  switch (message.op) {
    case 'rss':
      peak = Math.max(peak, process.memoryUsage().rss);
      return reply({ rss: process.memoryUsage().rss, peak });
    case 'reset':
      peak = process.memoryUsage().rss;
      return reply(peak);
    case 'gc':
      // Twice: the first pass frees what finalizers held on to.
      (globalThis as { gc?: () => void }).gc?.();
      (globalThis as { gc?: () => void }).gc?.();
      return reply({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
    case 'url':
      return reply(sandbox.urlOf(message.namespace!, message.name!) ?? null);
    case 'stop':
      return void sandbox.stop().then(() => reply(true));
  }
});
process.stdout.write(JSON.stringify({ server: sandbox.server, token: sandbox.token, caPem: sandbox.caPem }) + '\n');
