import fs from 'node:fs';
import { storePaths } from '../data-dir';
import { openDatabase } from '../store/database';
import { Store } from '../store/store';
import { adminPassword } from './test-backend';

/**
 * Overwrite 16 bytes inside the last leaf page of `table` in the closed store
 * at `dataDir` (found with the store's own key, through dbstat): the file
 * still opens, and only a read of that page (or of every page) finds it.
 */
export async function damageLeafPageOf(dataDir: string, table: string): Promise<void> {
  const paths = storePaths(dataDir);
  const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
  const probe = openDatabase(paths.database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
  const page = probe.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1").pluck().get(table) as number;
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  probe.close();
  const fd = fs.openSync(paths.database, 'r+');
  fs.writeSync(fd, Buffer.alloc(16, 0x5a), 0, 16, (page - 1) * pageSize + 300);
  fs.closeSync(fd);
}
