import fs from 'node:fs';
import path from 'node:path';
import { makePrivateFolder } from './atomic-file';

/**
 * Which processes have the store open: one empty file per process, named by
 * its PID, in `open-by/` beside the store. A restore replaces the store's
 * files, so it must not happen under another process (the app while the
 * CLI restores, or the other way round): that process would go on writing
 * to the file moved aside, and its writes would be lost.
 */
function folderOf(dataDir: string): string {
  return path.join(dataDir, 'open-by');
}

export function markStoreInUse(dataDir: string): void {
  const folder = folderOf(dataDir);
  makePrivateFolder(folder);
  fs.writeFileSync(path.join(folder, String(process.pid)), '', { mode: 0o600 });
}

export function unmarkStoreInUse(dataDir: string): void {
  fs.rmSync(path.join(folderOf(dataDir), String(process.pid)), { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Other live processes with the store open; marks left by processes that died are removed. */
export function otherStoreUsers(dataDir: string): number[] {
  const folder = folderOf(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const others: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    if (isRunning(pid)) others.push(pid);
    else fs.rmSync(path.join(folder, name), { force: true });
  }
  return others;
}
