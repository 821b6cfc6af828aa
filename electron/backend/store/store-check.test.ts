import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { runCliInProcess } from '../../cli/testing/cli-in-process';
import { storePaths } from '../data-dir';
import { samplePatient, signAuthorization } from '../testing/consent-flow';
import { adminPassword, setUpStore, testBackend } from '../testing/test-backend';
import { openDatabase } from './database';
import { Store } from './store';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const cli = (args: string[]) => runCliInProcess(args, `${adminPassword}\n`);

async function storeWithRecords() {
  const t = await setUpStore();
  dirs.push(t.dataDir);
  const patient = await t.call('patients.create', samplePatient);
  await signAuthorization(t.call, patient.id, completeTerms(), 'Maria Lopez', adminPassword);
  t.backend.close();
  return t;
}

describe('consent-desk check', () => {
  it('passes a sound store, and status then shows the last full check', async () => {
    const t = await storeWithRecords();
    const check = await cli(['check', '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin']);
    expect(check.err).toBe('');
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/Stored files: {3}1 checked/);
    const status = await cli(['status', '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin']);
    expect(status.out).toMatch(/Last full check: \S+: no problems/);
    // status walks the chain only from the head that check verified (its own sign-in and check's events since).
    expect(status.out).toMatch(/Audit chain: +intact: (\d+) events \(1 to \d+ as the full check of \S+ verified them; \d+ since, walked now\)/);
  });

  // One check per page of the file: every table and index a migration adds is another page, so this is the suite's longest test.
  it('exits 1 and names the problem with one byte flipped in any page; status no longer calls it healthy', { timeout: 240_000 }, async () => {
    const t = await storeWithRecords();
    const file = storePaths(t.dataDir).database;
    const original = fs.readFileSync(file);
    const pageSize = 4096;
    const pages = original.length / pageSize;
    expect(Number.isInteger(pages)).toBe(true);
    let trials = 0;
    const missed: number[] = [];
    // Each trial starts from the same folder: `status` signs in (and so writes) before it meets a page it does
    // not read, and the next trial's file would otherwise look like a rollback against the anchor it moved.
    const pristine = `${t.dataDir}-pristine`;
    fs.cpSync(t.dataDir, pristine, { recursive: true });
    for (let page = 0; page < pages; page++) {
      fs.rmSync(t.dataDir, { recursive: true, force: true });
      fs.cpSync(pristine, t.dataDir, { recursive: true });
      const damaged = Buffer.from(original);
      const offset = page * pageSize + 16 + Math.floor(Math.random() * (pageSize - 32));
      damaged[offset]! ^= 0x5a;
      fs.writeFileSync(file, damaged);
      trials += 1;
      const check = await cli(['check', '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin']);
      if (check.code !== 1 || !/consent-desk: .*(damaged|cannot be read|integrity)/.test(check.err)) {
        missed.push(page);
        console.log('MISSED', page, offset, check.code, check.out, check.err.slice(0, 300));
      }
      if (page % 7 === 0) {
        const status = await cli(['status', '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin']);
        // status reads only what it prints (README, "Damaged pages"): it refuses the store when it meets the damage,
        // and otherwise answers without calling the store healthy, since no full check has passed on it.
        if (status.code === 0) expect(status.out, `page ${page}`).not.toMatch(/no problems/);
        else {
          expect(status.code, `page ${page}`).toBe(2);
          expect(status.err, `page ${page}`).toMatch(/^consent-desk: The store is damaged .*restore the newest good backup/);
        }
      }
    }
    fs.rmSync(t.dataDir, { recursive: true, force: true });
    fs.cpSync(pristine, t.dataDir, { recursive: true });
    fs.rmSync(pristine, { recursive: true, force: true });
    console.log(`byte flips: ${trials} pages damaged one at a time, ${missed.length} not named by the check`);
    expect(missed).toEqual([]);
  });

  it('names a PDF that no longer matches its SHA-256 and a key file without its recovery slot', async () => {
    const t = await storeWithRecords();
    const paths = storePaths(t.dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
    const raw = openDatabase(paths.database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
    raw.exec('DROP TRIGGER IF EXISTS authorizations_final_immutable');
    for (const trigger of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'authorizations'").pluck().all() as string[]) raw.exec(`DROP TRIGGER "${trigger}"`);
    raw.prepare("UPDATE authorizations SET pdf = CAST('%PDF-1.7 edited' AS BLOB) WHERE pdf IS NOT NULL").run();
    raw.close();
    const keyring = JSON.parse(fs.readFileSync(paths.keyring, 'utf8')) as { slots: { unlock: { kind: string } }[] };
    keyring.slots = keyring.slots.filter((s) => s.unlock.kind !== 'recovery');
    fs.writeFileSync(paths.keyring, JSON.stringify(keyring));

    const check = await cli(['check', '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin']);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/signed PDF of authorization \S+ does not match its recorded SHA-256/);
    expect(check.err).toMatch(/no recovery slot: the recovery key opens nothing/);
    const app = testBackend({ dataDir: t.dataDir });
    await app.call('session.signIn', { username: 'admin', password: adminPassword });
    expect((await app.call('app.state', {})).alerts?.map((a) => a.kind)).toContain('check_failed');
    app.backend.close();
  });

  it('names a kept record count that no longer matches the rows, which status prints without counting', async () => {
    const t = await storeWithRecords();
    const paths = storePaths(t.dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
    const raw = openDatabase(paths.database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
    raw.prepare("UPDATE record_counts SET n = n + 4 WHERE table_name = 'patients'").run();
    raw.close();
    const status = await cli(['status', '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin', '--json']);
    expect((JSON.parse(status.out) as { counts: Record<string, number> }).counts.patients).toBe(5);
    const check = await cli(['check', '--data-dir', t.dataDir, '--user', 'admin', '--password-stdin']);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/the kept count of patients \(5\) differs from its rows \(1\)/);
  });
});

describe('scheduled backups are checked as a restore checks them', () => {
  it('refuses to keep a backup whose audit chain is broken, and tells the administrator at once', async () => {
    // The set-up backend on the default minute's tick: no scheduled backup before the chain is broken.
    const t = await setUpStore();
    dirs.push(t.dataDir);
    const paths = storePaths(t.dataDir);
    t.backend.close();
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
    const raw = openDatabase(paths.database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
    raw.exec('DROP TRIGGER audit_events_no_update');
    raw.prepare('UPDATE audit_events SET detail = ? WHERE seq = 2').run('edited');
    raw.close();
    const app = testBackend({ dataDir: t.dataDir, sweepIntervalMs: 50 });
    await app.call('session.signIn', { username: 'admin', password: adminPassword });
    await vi.waitFor(async () => expect((await app.call('app.state', {})).alerts?.map((a) => a.kind)).toContain('backup_failed'), { timeout: 30_000 });
    const alert = (await app.call('app.state', {})).alerts!.find((a) => a.kind === 'backup_failed')!;
    expect(alert.message).toMatch(/audit chain is broken at event 2/);
    expect(fs.existsSync(`${t.dataDir}/backups`) ? fs.readdirSync(`${t.dataDir}/backups`) : []).toEqual([]);
    app.backend.close();
  });
});
