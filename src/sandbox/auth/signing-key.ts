/**
 * The ServiceAccount token signing key. A saved sandbox keeps it next to its state (0600, like
 * minikube's sa.key), so the tokens handed to a room's learners survive the instructor's restart;
 * a sandbox in memory draws a fresh one.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SIGNING_KEY_FILE = 'service-account.key';
const KEY_BYTES = 32;

export async function loadSigningKey(dir: string | undefined): Promise<Buffer> {
  if (dir === undefined) return randomBytes(KEY_BYTES);
  const path = join(dir, SIGNING_KEY_FILE);
  try {
    const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const key = await handle.readFile();
      if (key.length === KEY_BYTES) return key;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Missing or not a key: a new one (tokens signed with anything else no longer authenticate).
  const key = randomBytes(KEY_BYTES);
  await writeFile(path, key, { mode: 0o600 });
  return key;
}
