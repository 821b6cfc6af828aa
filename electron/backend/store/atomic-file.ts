import fs from 'node:fs';
import path from 'node:path';

/**
 * Write a file so that a crash leaves either the old or the new content,
 * never a torn one: write a sibling, fsync it, rename over, fsync the folder.
 */
export function writeFileAtomic(file: string, content: string | Buffer, mode = 0o600): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDirectory(path.dirname(file));
}

/** fsync in libuv's pool: the calling thread goes on while the disk catches up (tens of ms on a busy one). */
export function fsyncInPool(fd: number): Promise<void> {
  return new Promise<void>((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve())));
}

/**
 * `writeFileAtomic` with its two fsyncs (the file's, the folder's) in
 * libuv's pool: the same steps in the same order, for the backend's thread,
 * which must not stop while the disk syncs.
 */
export async function writeFileAtomicInPool(file: string, content: string | Buffer, mode = 0o600): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, content);
    await fsyncInPool(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  await syncDirectoryInPool(path.dirname(file));
}

/** `syncDirectory` with the fsync in libuv's pool. */
export async function syncDirectoryInPool(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    await fsyncInPool(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * mkdir -p with mode 0700 that reports the real reason it failed: Node's
 * recursive mkdir says ENOENT where the parent is read-only (EROFS) or not
 * writable (EACCES), which would send people looking for a missing folder.
 */
export function makePrivateFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync(path.dirname(dir))) fs.mkdirSync(dir, { mode: 0o700 });
    throw error;
  }
}
