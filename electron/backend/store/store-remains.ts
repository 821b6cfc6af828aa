import fs from 'node:fs';
import path from 'node:path';
import type { StorePaths } from '../data-dir';
import { journalFolderName } from './operation-journal';

/**
 * What is left of a store in a folder that has no key file: a database, its
 * WAL, a pending key file, pre-upgrade copies, an interrupted restore's work
 * folder, journal entries, backups. Over any of these, first-run setup (or
 * `init`) would create a new empty store and hide the real data, so it is
 * refused and the folder is called unusable until a person acts.
 */
export function storeRemains(paths: StorePaths): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(paths.dataDir);
  } catch {
    return [];
  }
  const db = path.basename(paths.database);
  const found = names.filter(
    (name) =>
      name === db ||
      name.startsWith(`${db}-`) ||
      name.startsWith(`${db}.schema-`) ||
      name === path.basename(paths.pendingKeyring) ||
      name.startsWith('.restore-') ||
      name === 'store-anchor.json' ||
      name === 'pending-audit.jsonl',
  );
  const journal = path.join(paths.dataDir, journalFolderName);
  if (fs.existsSync(journal) && fs.readdirSync(journal).length > 0) found.push(`${journalFolderName}/`);
  const backups = path.join(paths.dataDir, 'backups');
  if (fs.existsSync(backups) && fs.readdirSync(backups).some((n) => n.endsWith('.cdbackup'))) found.push('backups/');
  return found;
}

/** Why this folder can neither be opened nor set up, or null when it can be one or the other. */
export function unusableStoreProblem(paths: StorePaths): string | null {
  if (fs.existsSync(paths.keyring)) return null;
  const remains = storeRemains(paths);
  if (remains.length === 0) return null;
  return (
    `${paths.dataDir} holds what is left of a Consent Desk store (${remains.join(', ')}) but no key file (keyring.json), so it cannot be opened, ` +
    'and setting up a new store here would hide that data. Restore the newest backup (consent-desk restore --from FILE), ' +
    'or put keyring.json back beside consent-desk.db. Nothing was changed.'
  );
}
