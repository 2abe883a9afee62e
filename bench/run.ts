/**
 * `npm run bench`: prints every figure the issues ask for, with its target. `npm run bench -- NAME`
 * runs only the groups whose name contains NAME.
 */
import { appFigures } from './app.js';
import { hostileFigures } from './hostile.js';
import { meterFigures } from './meter.js';
import { sandboxApiFigures } from './sandbox-api.js';
import { sandboxScaleFigures } from './sandbox-scale.js';
import { scenarioFigures } from './scenarios.js';
import { trafficFigures } from './traffic.js';
import { workshopRoomFigures } from './workshop-room.js';
import { sandboxRequestCpuFigures } from './sandbox-request-cpu.js';

const only = process.argv[2];

const groups: [string, () => Promise<void>][] = [...sandboxApiFigures, ...sandboxScaleFigures, ...trafficFigures, ...scenarioFigures, ...appFigures, ...hostileFigures, ...meterFigures, ...workshopRoomFigures, ...sandboxRequestCpuFigures];

console.log(`kubedojo benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
for (const [name, run] of groups) {
  if (only && !name.includes(only)) continue;
  console.log(name);
  await run();
}
