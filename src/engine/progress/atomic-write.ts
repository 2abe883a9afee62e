import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Permission bits of a newly written file (before umask). Default 0o644. */
  mode?: number;
}

/**
 * Replaces `path` with `data` so that a reader sees either the old file or the new one, never a
 * mix, and a crash or power loss leaves one of the two: write a temp file in the same directory
 * (rename is only atomic within a file system), fsync it, rename it over the target, then fsync
 * the directory so the rename itself is durable.
 *
 * `write-file-atomic` does the same minus the directory fsync; 30 lines did not justify a
 * dependency.
 *
 * The temp file is created exclusively and never through a link (O_EXCL | O_NOFOLLOW), and the
 * rename replaces whatever entry `path` was (a planted symlink included) without following it,
 * so a file of someone else's is never written through (issue #7).
 */
// O_NOFOLLOW is not defined on Windows, where O_EXCL alone already refuses an existing entry.
const EXCLUSIVE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export async function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  const directory = dirname(path);
  const temp = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, EXCLUSIVE_NO_FOLLOW, options.mode ?? 0o644);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a directory; the rename is done.
  }
}
