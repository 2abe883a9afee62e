/**
 * A workshop room in real terminals (issue 10), the BUILT app in tmux, on loopback only:
 * the instructor's `kubedojo sandbox --workshop`, `workshop create` for three learners, a
 * learner's app started with its kubeconfig, and the instructor's board. A pass reaches the board
 * within 1 s of the learner seeing it; a raised hand appears and clears; pacing locks a lesson in
 * the running app and opens it again; `workshop delete` leaves nothing.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, NODE } from './support/built-app.js';
import { startPane, type Pane } from './support/tmux.js';

let instructor: Pane;
let learner: Pane;
let board: Pane;
let admin: string;

const kubedojo = (args: string[]) => execa(NODE, [CLI, ...args], { env: instructor.env, extendEnv: false, reject: false, cwd: instructor.dir });

beforeAll(async () => {
  // (one scenario across the tests, so its panes live until afterAll rather than useBuiltApp's afterEach)
  await ensureBuilt();
  instructor = await startPane(CLI);
  admin = join(instructor.dir, 'admin.yaml');
  await instructor.waitFor('e2e$');
  await instructor.send(`${NODE} ${instructor.bin} sandbox --workshop --speed 20 --kubeconfig ${admin}`, 'Enter');
  await instructor.waitFor('Workshop: with that KUBECONFIG', 30_000);
}, 240_000);

afterAll(async () => {
  for (const pane of [board, learner, instructor]) await pane?.kill();
});

describe('a workshop room on one sandbox', () => {
  it('workshop create makes three learners and their files', async () => {
    const made = await kubedojo(['workshop', 'create', '--learners', '3', '--out', 'room', '--kubeconfig', admin]);
    expect(made.stderr).toBe('');
    expect(made.exitCode).toBe(0);
    expect(made.stdout).toContain('learner-03: namespace kubedojo-learner-03 created');
    expect(made.stdout).toContain('3 kubeconfig files in');
  });

  it('a learner’s app runs in its namespace; the board shows the room and the learner’s pass within 1 s', async () => {
    learner = await startPane(CLI);
    await learner.waitFor('e2e$');
    await learner.send(`${NODE} ${learner.bin} --kubeconfig ${join(instructor.dir, 'room', 'learner-01.yaml')}; echo "EXIT:$?"`, 'Enter');
    await learner.waitFor((s) => s.includes('● connected') && s.includes('Start the cluster'), 40_000);
    expect(await learner.screen()).toContain('kubedojo-learner-01');

    board = await startPane(CLI, { columns: 120, rows: 30 });
    await board.waitFor('e2e$');
    await board.send(`${NODE} ${board.bin} board --kubeconfig ${admin}`, 'Enter');
    await board.waitFor((s) => s.includes('3 learners') && /learner-01 +1 Your cluster +1\/6/.test(s), 30_000);

    await learner.send(':');
    await learner.waitFor('Esc leave prompt');
    await learner.type('kubectl cluster-info');
    await learner.waitFor('❯ kubectl cluster-info');
    await learner.send('Enter');
    await learner.waitFor('step passed', 30_000);
    const seen = Date.now();
    await board.waitFor((s) => /learner-01 .* 1\/\d+ .*step passed/.test(s), 1000);
    console.info(`learner saw the pass → board row updated: ${Date.now() - seen} ms (tmux polls every 50 ms)`);
  });

  it('a raised hand appears on the board and the instructor clears it', async () => {
    await learner.send('!');
    await learner.waitFor('Hand raised');
    await board.waitFor('hands 1', 5000);
    await board.send('c');
    await board.waitFor((s) => s.includes('Cleared learner-01') && !s.includes('hands 1'), 5000);
  });

  it('pacing locks the next lesson in the running app, and opens it again', async () => {
    const paced = await kubedojo(['workshop', 'pace', '--up-to', '1', '--kubeconfig', admin]);
    expect(paced.stdout).toContain('Lessons after 1 “Your cluster” are locked for 3 learners');
    await learner.waitFor('Your instructor opened the lessons up to 1 “Your cluster”', 5000);
    await learner.send('l');
    await learner.send('Down');
    await learner.waitFor('Your instructor opens this lesson later', 5000);
    await learner.send('Escape');
    const opened = await kubedojo(['workshop', 'pace', '--open-all', '--kubeconfig', admin]);
    expect(opened.exitCode).toBe(0);
    await learner.waitFor('Your instructor opened every lesson', 5000);
  });

  it('status lists the learners; delete removes everything, the learner app loses its cluster', async () => {
    const status = await kubedojo(['workshop', 'status', '-o', 'json', '--kubeconfig', admin]);
    expect(JSON.parse(status.stdout).map((row: { learner: string }) => row.learner)).toEqual(['learner-01', 'learner-02', 'learner-03']);
    const once = await kubedojo(['board', '--once', '--json', '--kubeconfig', admin]);
    expect(JSON.parse(once.stdout).learners.find((row: { learner: string }) => row.learner === 'learner-01')).toMatchObject({ lessonNumber: 1, stepNumber: expect.any(Number) });
    await learner.send('q');
    await learner.waitFor('EXIT:0', 20_000);
    const deleted = await kubedojo(['workshop', 'delete', '--yes', '--kubeconfig', admin]);
    expect(deleted.stdout).toContain('Deleted 3 namespaces');
    const left = await execa('/usr/bin/kubectl', ['get', 'namespaces,clusterroles,clusterrolebindings', '-l', 'app.kubernetes.io/managed-by=kubedojo', '-o', 'name'], { env: { ...instructor.env, KUBECONFIG: admin }, extendEnv: false });
    expect(left.stdout).toBe('');
  });
});
