/**
 * The replayed first frame (src/cli/frame-replay) with the BUILT app in a real terminal (tmux).
 * `pipe-pane` records every byte the pane receives, so each test checks what reached the terminal,
 * in order, not only the screen it ended on:
 * - a second start writes the frame kept from the first before anything else, and Ink's own
 *   first frame, the same bytes, is not written again; a key typed at once is not lost;
 * - a kept frame that no longer matches (here: edited by hand) is replaced in one write, and the
 *   new frame is kept;
 * - output before Ink is up (a broken lesson) first puts the shell's screen back, so the error is
 *   where the learner reads it, and the terminal is as the shell left it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/support/cli.js';
import { closeCard, NODE, useBuiltApp } from './support/built-app.js';
import type { Pane } from './support/tmux.js';

const app = useBuiltApp();
const ENTER_ALTERNATE = '\u001b[?1049h';
const LEAVE_ALTERNATE = '\u001b[?1049l';

const keptFile = (pane: Pane) => join(pane.env.XDG_CACHE_HOME!, 'kubedojo', 'last-frame.json');
const kept = (pane: Pane): { key: string; frame: string } => JSON.parse(readFileSync(keptFile(pane), 'utf8')) as { key: string; frame: string };

/** Runs the app with `args`, waits for its connected screen, quits with q. */
async function runOnce(pane: Pane, args: string): Promise<void> {
  await pane.send(`clear; ${NODE} ${pane.bin} ${args}; echo "EXIT:$?"`, 'Enter');
  await pane.waitFor((screen) => screen.includes('● connected') && screen.includes('Your cluster'), 30_000);
  await pane.send('q');
  await pane.waitFor('EXIT:0', 20_000);
}

/**
 * Starts recording what the pane receives, from now on; returns a reader of what the app wrote
 * (from its first entry into the alternate screen on).
 */
async function record(pane: Pane): Promise<() => string> {
  const file = join(pane.dir, 'pane-bytes');
  writeFileSync(file, '');
  await pane.pipe(`cat >> ${file}`);
  return () => {
    // The terminal's output processing (ONLCR, on in raw mode too) turns each \n the app writes into \r\n.
    const bytes = readFileSync(file, 'utf8').replaceAll('\r\n', '\n');
    return bytes.slice(bytes.indexOf(ENTER_ALTERNATE));
  };
}

/** The kept frame was the first thing the app wrote, and Ink, finding the same frame, did not enter the alternate screen (and clear it) again. */
function expectReplayedAndKept(appBytes: string, frame: string): void {
  expect(appBytes.startsWith(frame)).toBe(true);
  expect(appBytes.split(ENTER_ALTERNATE).length - 1).toBe(1);
}

async function expectShellRestored(pane: Pane): Promise<void> {
  expect(await pane.display('#{alternate_on}')).toBe('0');
  await pane.send('stty -a', 'Enter');
  const stty = await pane.waitFor(/\bicanon\b/);
  expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
}

describe('the replayed first frame', () => {
  it('a second start writes the kept frame first, does not write it twice, and loses no key typed at once', async () => {
    const pane = await app.pane();
    await pane.waitFor('e2e$');
    await runOnce(pane, '--sandbox --speed 20');
    const { frame } = kept(pane);
    expect(frame.startsWith(ENTER_ALTERNATE)).toBe(true);
    expect(frame).toContain('Your cluster');

    const received = await record(pane);
    await pane.send(`clear; ${NODE} ${pane.bin} --sandbox --speed 20; echo "EXIT:$?"`, 'Enter');
    // As soon as the frame is there, before the app is up: the help key.
    await pane.waitFor('Your cluster');
    await pane.send('?');
    await pane.waitFor('Shortcut letters work', 30_000);
    await pane.send('Escape');
    await pane.waitFor((screen) => !screen.includes('Shortcut letters work'));
    await pane.send('q');
    await pane.waitFor('EXIT:0');
    const appBytes = received();
    expectReplayedAndKept(appBytes, frame);
    expect(appBytes.split(LEAVE_ALTERNATE).length - 1).toBe(1);
    await expectShellRestored(pane);
  }, 120_000);

  it('after a session that made progress, the next start replays the frame kept as the app quit', async () => {
    const pane = await app.pane();
    await pane.waitFor('e2e$');
    await pane.send(`clear; ${NODE} ${pane.bin} --sandbox --speed 20; echo "EXIT:$?"`, 'Enter');
    await closeCard(pane);
    await pane.waitFor((screen) => screen.includes('● connected') && screen.includes('step 1/6'), 30_000);
    // Enter runs the suggested command; the step passes and the progress file changes.
    await pane.send('Enter');
    await pane.waitFor('step passed', 30_000);
    await pane.send('q');
    await pane.waitFor('EXIT:0');
    const { frame } = kept(pane);
    expect(frame).toContain('1/6');

    const received = await record(pane);
    await pane.send(`clear; ${NODE} ${pane.bin} --sandbox --speed 20; echo "EXIT:$?"`, 'Enter');
    await pane.waitFor((screen) => screen.includes('● connected') && screen.includes('Your cluster        1/6'), 30_000);
    await pane.send('q');
    await pane.waitFor('EXIT:0');
    expectReplayedAndKept(received(), frame);
  }, 120_000);

  it('replaces a kept frame that no longer matches in one write, and keeps the new one', async () => {
    const pane = await app.pane();
    await pane.waitFor('e2e$');
    await runOnce(pane, '--sandbox --speed 20');
    const { key, frame } = kept(pane);
    const stale = frame.replace('Your cluster', 'Stale screen');
    expect(stale).not.toBe(frame);
    writeFileSync(keptFile(pane), JSON.stringify({ format: 1, key, frame: stale }));

    const received = await record(pane);
    await pane.send(`clear; ${NODE} ${pane.bin} --sandbox --speed 20; echo "EXIT:$?"`, 'Enter');
    const screen = await pane.waitFor((s) => s.includes('● connected') && s.includes('Your cluster'), 30_000);
    expect(screen).not.toContain('Stale screen');
    const appBytes = received();
    expect(appBytes.startsWith(stale)).toBe(true);
    // Ink's frame follows in the same write as the undoing of the stale one.
    expect(appBytes.slice(stale.length).startsWith(LEAVE_ALTERNATE + frame)).toBe(true);
    expect(kept(pane).frame).toBe(frame);
    await pane.send('q');
    await pane.waitFor('EXIT:0');
    await expectShellRestored(pane);
  }, 120_000);

  it('puts the shell\'s screen back before an error reaches the terminal', async () => {
    const pane = await app.pane();
    await pane.waitFor('e2e$');
    // A course of the learner's own: what it says is not part of the frame's key.
    const course = join(pane.dir, 'course');
    cpSync(join(REPO, 'lessons'), join(course, 'lessons'), { recursive: true });
    cpSync(join(REPO, 'assets'), join(course, 'assets'), { recursive: true });
    const args = `--sandbox --speed 20 --lessons ${join(course, 'lessons')}`;
    await runOnce(pane, args);
    const { frame } = kept(pane);
    const lesson = join(course, 'lessons', '01-your-cluster.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace(/^id: .*$/m, 'id: [broken'));

    const received = await record(pane);
    await pane.send(`clear; ${NODE} ${pane.bin} ${args}; echo "EXIT:$?"`, 'Enter');
    const screen = await pane.waitFor('EXIT:1', 30_000);
    expect(screen).toMatch(/problems? in/);
    expect(screen).toContain('01-your-cluster.md:');
    const appBytes = received();
    expect(appBytes.startsWith(frame)).toBe(true);
    // The replay is undone (cursor shown, alternate screen left) before the message.
    const undone = appBytes.indexOf(LEAVE_ALTERNATE);
    expect(undone).toBeGreaterThan(0);
    expect(undone).toBeLessThan(appBytes.indexOf('01-your-cluster.md:'));
    await expectShellRestored(pane);
  }, 120_000);
});
