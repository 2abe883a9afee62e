/**
 * The sandbox's worker thread: starts the sandbox with the options in workerData, reports where it
 * serves, forwards kube-proxy's Service URL events, and stops it when asked. Its controllers, node
 * and API server then take turns on this thread's event loop, never on the app's (issue 9).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSandbox, type Sandbox } from '../index.js';
import { SERVICE_URL_EVENTS, type FromWorker, type ToWorker, type WorkerSandboxOptions } from './protocol.js';

if (!parentPort) throw new Error('sandbox-worker.ts runs as a worker thread');
const port = parentPort;

const send = (message: FromWorker) => port.postMessage(message);

async function main(): Promise<void> {
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(workerData as WorkerSandboxOptions);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    const code = (failure as NodeJS.ErrnoException).code;
    send({ type: 'failed', message: failure.message, ...(failure.stack === undefined ? {} : { stack: failure.stack }), ...(typeof code === 'string' ? { code } : {}) });
    port.close();
    return;
  }
  for (const event of SERVICE_URL_EVENTS) {
    (sandbox.serviceUrls.on as (event: string, listener: (payload: never) => void) => unknown)(event, (payload) => send({ type: 'service-url', event, payload }));
  }
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'stop') return;
    void sandbox.stop().finally(() => {
      send({ type: 'stopped' });
      // Nothing else keeps the thread: it ends once the port is closed.
      port.close();
    });
  });
  send({ type: 'ready', server: sandbox.server, kubeconfigPath: sandbox.kubeconfigPath, token: sandbox.token, caPem: sandbox.caPem, notices: sandbox.notices });
}

void main();
