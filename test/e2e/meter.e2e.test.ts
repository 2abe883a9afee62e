/**
 * The downtime meter in the BUILT app, in a real pseudo-terminal (tmux): a lesson whose step
 * declares `meter:` opens the Traffic panel; a rollout under it draws the rollout timeline; `t`
 * stops the meter and hides the panel; after quitting, `kubedojo timeline --svg FILE` draws the
 * timeline the app kept under the state directory.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/support/cli.js';
import { closeCard, NODE, runAtPrompt, useBuiltApp } from './support/built-app.js';

const COURSE = resolve(REPO, 'test/engine/rehearse/fixtures/traffic-course/lessons');

const app = useBuiltApp();

describe('the Traffic panel in a terminal', () => {
  it('meters the step, draws the timeline of the rollout, t stops it, and timeline --svg writes the picture', async () => {
    const pane = await app.pane();
    await pane.waitFor('e2e$');
    // ×5, not faster: the meter Pod's `wget -T 2` is 2 SIMULATED seconds, 400 ms of wall time here,
    // and a busy machine must not turn a slow answer into a failed request.
    await pane.send(`${NODE} ${pane.bin} --sandbox --speed 5 --lessons ${COURSE}; echo "EXIT:$?"`, 'Enter');
    await pane.waitFor((screen) => screen.includes('● connected') && screen.includes('Roll out under traffic'), 60_000);
    // The lesson card opens first and covers the panels.
    await closeCard(pane);
    // The step's meter: the panel appears once the meter Pod reports.
    // The shop's Service is a ClusterIP one: no NodePort on 127.0.0.1, so the meter Pod's path.
    const metering = await pane.waitFor(/─ Traffic · shop · \d+ req\/s · meter Pod kubedojo-meter-\w+ in kubedojo → http:\/\/shop:80\//, 60_000);
    expect(metering).toMatch(/\d+ req · 0 failed \(0\.0%\)/);

    await runAtPrompt(pane, 'kubectl set image deployment/shop shop=kubedojo/shop:2');
    const drawn = await pane.waitFor(/Rollout of shop: [\d.]+ s, 0 of \d+ requests failed/, 90_000);
    // maxSurge 1, maxUnavailable 0: old Pods 2 → 1 → 0 while new ones go 0 → 1 → 2, from the
    // first column (the template change, before the new ReplicaSet exists) to the last.
    expect(drawn).toMatch(/old \(rev 1\) ready +2+1+·*/);
    expect(drawn).toMatch(/new \(rev 2\) ready +·+1+2+(?!\S)/);
    expect(drawn).toMatch(/failed requests +·+/);
    // The traffic check passes on the rollout the meter saw from its start.
    await pane.waitFor('✔ step passed', 30_000);

    // t stops the meter: the panel keeps the timeline, the chart says stopped.
    await pane.send('t');
    await pane.waitFor('─ Traffic · shop · stopped', 20_000);

    await pane.send('q');
    await pane.waitFor('EXIT:0', 30_000);
    const svg = join(pane.dir, 'rollout.svg');
    await pane.send(`${NODE} ${pane.bin} timeline --svg ${svg}; echo "TL:$?"`, 'Enter');
    await pane.waitFor('TL:0', 30_000);
    const picture = readFileSync(svg, 'utf8');
    const rows = [...picture.matchAll(/data-row="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(['old (rev 1) ready', 'new (rev 2) ready', 'terminating', 'failed requests']);
  }, 300_000);
});
