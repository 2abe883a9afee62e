/** `kubedojo timeline [--svg FILE]`: the last rollout's timeline, as text or as an SVG picture. */
import { writeFile } from 'node:fs/promises';
import { loadTimeline } from '../../engine/meter/timeline-store.js';
import { timelineSvg } from '../../engine/meter/timeline-svg.js';
import { renderTimelineText } from '../../engine/meter/timeline.js';
import { UsageError } from '../usage-error.js';

export async function runTimelineCommand(options: { svg?: string }, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const loaded = await loadTimeline();
  if (!loaded.ok) throw new UsageError(loaded.message);
  if (options.svg !== undefined) {
    try {
      await writeFile(options.svg, timelineSvg(loaded.timeline));
    } catch (error) {
      throw new UsageError(`cannot write ${options.svg}: ${(error as Error).message}`);
    }
    out.write(`wrote the timeline of the rollout of ${loaded.timeline.deployment} to ${options.svg}\n`);
    return 0;
  }
  for (const line of renderTimelineText(loaded.timeline, Math.min(out.columns ?? 100, 120), process.env.TERM === 'dumb')) out.write(`${line}\n`);
  return 0;
}
