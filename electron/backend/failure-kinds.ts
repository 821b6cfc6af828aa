import path from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * Failures that come from the disk or from a damaged database file, told
 * apart by their codes (Node's errno names, SQLite's result codes) and
 * given a sentence a front-desk person can act on. "Something went wrong,
 * try again" helps nobody whose disk is full or whose store is damaged.
 */
const full = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const readOnly = new Set(['EROFS']);
const denied = new Set(['EACCES', 'EPERM']);

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The sentence for a damaged store, naming the newest backup that passed its checks, if one is known. */
export function damagedStoreError(newestGoodBackup: string | null, what = 'Part of the store cannot be read'): AppError {
  const backup = newestGoodBackup
    ? `restore the newest good backup: ${newestGoodBackup}`
    : 'restore the newest good backup (Backups screen, or consent-desk restore)';
  return new AppError('store_damaged', `The store is damaged (${what}); trying again will not help. Close Consent Desk and ${backup}.`);
}

export function isDamagedStoreError(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/**
 * The typed error for a disk or database-file failure, or null when the
 * error is something else. `dataDir` names the folder when the error does
 * not carry a path of its own.
 */
export function storageFailure(error: unknown, context: { dataDir: string; newestGoodBackup?: () => string | null }): AppError | null {
  const code = codeOf(error);
  if (!code) return null;
  const where = (error as { path?: unknown }).path;
  const place = typeof where === 'string' ? path.dirname(where) : context.dataDir;
  if (isDamagedStoreError(error)) return damagedStoreError(context.newestGoodBackup?.() ?? null);
  if (full.has(code)) {
    return new AppError('storage_unavailable', `The disk that holds ${place} is full, so nothing was saved. Free some space on it and try again.`);
  }
  if (readOnly.has(code) || code.startsWith('SQLITE_READONLY')) {
    return new AppError('storage_unavailable', `The folder ${place} is read-only, so nothing was saved. Make it writable (or choose another folder) and try again.`);
  }
  if (denied.has(code)) {
    return new AppError('storage_unavailable', `Consent Desk may not write to ${place}, so nothing was saved. Check the folder's permissions and try again.`);
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new AppError('storage_unavailable', `The data file in ${context.dataDir} cannot be opened: the folder is missing, read-only or not accessible.`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new AppError('storage_unavailable', `The disk that holds ${place} reported a read or write error (${code}). Nothing was saved; check the disk and try again.`);
  }
  return null;
}
