/** `npm run bench`: prints every figure the issues ask for, with its target. */
import { sandboxApiBench } from './sandbox-api.js';

console.log(`kubedojo benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
await sandboxApiBench();
