import { chmod, lstat, mkdir } from 'node:fs/promises';

/**
 * Makes `dir` (and missing parents) a private directory of this user's: a real directory, not a
 * link, owned by this user, with no access for group or others. A directory that someone else
 * owns, or a link in its place, is refused rather than used (issue #7: a pre-created directory in
 * a shared place would let its owner swap the files kubedojo writes there). On Windows, where
 * modes and uids mean little, it only makes the directory.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32' || process.getuid === undefined) return;
  const stats = await lstat(dir);
  if (!stats.isDirectory() || stats.isSymbolicLink()) throw new Error(`${dir} is not a directory kubedojo made: refusing to write into it`);
  if (stats.uid !== process.getuid()) throw new Error(`${dir} belongs to another user: refusing to write into it`);
  if ((stats.mode & 0o077) !== 0) await chmod(dir, 0o700);
}
