import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { storePaths } from '../backend/data-dir';
import { openDatabase, type Db } from '../backend/store/database';
import { Store } from '../backend/store/store';
import { adminPassword, setUpStore, tempDataDir } from '../backend/testing/test-backend';
import { lines, runConsentDesk } from './testing/cli-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A store with a few audited changes, closed, ready for the CLI. */
async function storeWithHistory(): Promise<string> {
  const dir = tempDataDir('cli-audit');
  dirs.push(dir);
  const { call, backend, dataDir } = await setUpStore({ dataDir: dir });
  await call('staff.create', { username: 'frontdesk', displayName: 'Marisol Ortega', role: 'frontdesk', password: adminPassword });
  await call('settings.update', { idleMinutes: 10 });
  await call('session.signOut', {});
  backend.close();
  return dataDir;
}

/**
 * What someone holding the data key could do: open the database directly,
 * outside the app, and change it behind the audit trail's back.
 */
async function tamper(dataDir: string, change: (db: Db) => void): Promise<void> {
  const paths = storePaths(dataDir);
  const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
  if (!unlocked) throw new Error('the admin password should unlock the store');
  const db = openDatabase(paths.database, unlocked.dataKey, { cipher: unlocked.keyring.cipher });
  try {
    change(db);
  } finally {
    db.close();
  }
}

function verify(dataDir: string) {
  return runConsentDesk(['audit', 'verify', '--data-dir', dataDir, '--user', 'admin', '--password-stdin'], `${adminPassword}\n`);
}

describe('consent-desk audit verify', () => {
  it('exits 0 and counts the events when the chain is intact', async () => {
    const run = await verify(await storeWithHistory());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Audit chain intact: \d+ events\n$/);
  });

  it('exits 1 naming the event when one byte of it was changed with the key', async () => {
    const dataDir = await storeWithHistory();
    let seq = 0;
    await tamper(dataDir, (db) => {
      const event = db.prepare("SELECT seq, detail FROM audit_events WHERE action = 'staff.created' AND detail = 'role frontdesk'").get() as
        | { seq: number; detail: string }
        | undefined;
      if (!event) throw new Error('expected the staff.created event');
      seq = event.seq;
      db.exec('DROP TRIGGER audit_events_no_update');
      db.prepare('UPDATE audit_events SET detail = ? WHERE seq = ?').run('role frontdesK', seq);
    });
    const run = await verify(dataDir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      `consent-desk: Audit chain broken at event ${seq}: Event ${seq} was changed after it was written (its content does not match its hash).`,
    ]);

    // status reports the same, still printing its JSON, and exits 1 too.
    const status = await runConsentDesk(['status', '--data-dir', dataDir, '--user', 'admin', '--password-stdin', '--json'], adminPassword);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ auditChain: { intact: false, firstBadSeq: seq } });
    expect(lines(status.stderr)).toEqual([expect.stringMatching(new RegExp(`^consent-desk: Audit chain broken at event ${seq}: `))]);
  });

  it('exits 1 naming the event when the newest event was deleted', async () => {
    const dataDir = await storeWithHistory();
    let newest = 0;
    await tamper(dataDir, (db) => {
      newest = (db.prepare('SELECT max(seq) AS seq FROM audit_events').get() as { seq: number }).seq;
      db.exec('DROP TRIGGER audit_events_no_delete');
      db.prepare('DELETE FROM audit_events WHERE seq = ?').run(newest);
    });
    const run = await verify(dataDir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(new RegExp(`^consent-desk: Audit chain broken at event ${newest}: `));
    expect(line).toMatch(new RegExp(`Event ${newest}\\b`));
  });
});
