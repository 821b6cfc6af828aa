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
