import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf, fromPem } from '../backend/crypto/certificate-pem';
import { admin, auditPractice } from '../backend/testing/audit-practice';
import { testBackend, tempDataDir } from '../backend/testing/test-backend';
import { readZip, rewriteZip } from '../backend/testing/zip-tools';
import { lines, runConsentDesk } from './testing/cli-process';

const dirs: string[] = [];
let dataDir: string;
let work: string;
let bundle: string;
let ids: { kept: string; revoked: string };

beforeAll(async () => {
  const p = await auditPractice();
  dataDir = p.dataDir;
  ids = { kept: p.kept.id, revoked: p.revoked.id };
  await p.call('session.signOut', {});
  p.backend.close();
  work = tempDataDir('cli-compliance');
  dirs.push(dataDir, work);
  bundle = path.join(work, 'audit-2026-03.zip');
});
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const signedIn = (args: string[]) => runConsentDesk([...args, '--data-dir', dataDir, '--user', 'admin', '--password-stdin'], `${admin.password}\n`);
const verify = (file: string, ...more: string[]) => runConsentDesk(['verify-bundle', file, ...more]);

describe('consent-desk export and verify-bundle', () => {
  it('exports a range to --out, and verify-bundle (no data folder, no password) exits 0', async () => {
    const run = await signedIn(['export', '--from', '2026-03-01', '--to', '2026-03-31', '--out', bundle]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Bundle written: ${bundle}`);
    expect(run.stdout).toContain('2 authorizations, 1 revocations, 2 posts');
    expect(fs.readdirSync(work)).toEqual(['audit-2026-03.zip']);

    const check = await verify(bundle);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Checked: 19 files, 4 PDF signatures');
    expect(check.stdout).toContain('Bundle intact');
    // Intact is not the same as made by the practice: it says so.
    expect(check.stdout).toContain('Signer not checked');
  });

  it('refuses to replace an existing file', async () => {
    const run = await signedIn(['export', '--from', '2026-03-01', '--to', '2026-03-31', '--out', bundle]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringContaining('already exists')]);
  });

  it('exits 1 naming the file when one byte of one PDF changed', async () => {
    const changed = path.join(work, 'one-byte.zip');
    const pdf = `authorizations/${ids.kept}.pdf`;
    await rewriteZip(bundle, changed, (files) => {
      const bytes = Buffer.from(files.get(pdf)!);
      const at = bytes.indexOf('/MediaBox [ 0 0 612') + '/MediaBox [ 0 0 61'.length;
      bytes[at] = '3'.charCodeAt(0);
      files.set(pdf, bytes);
    });
    const run = await verify(changed);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `consent-desk: ${pdf}: changed (its SHA-256 does not match the manifest).`,
      expect.stringMatching(new RegExp(`^consent-desk: ${pdf}: its digital signature is not valid: `)),
    ]);
    expect(run.stdout).toContain('Bundle NOT intact: 2 problem(s).');
  });

  it('exits 1 naming the file that was deleted', async () => {
    const missing = path.join(work, 'deleted.zip');
    await rewriteZip(bundle, missing, (files) => files.delete(`revocations/${ids.revoked}.pdf`));
    const run = await verify(missing);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([`consent-desk: revocations/${ids.revoked}.pdf: missing from the bundle (the manifest lists it).`]);
  });

  it('exits 1 naming the file that was added', async () => {
    const added = path.join(work, 'added.zip');
    await rewriteZip(bundle, added, (files) => files.set('authorizations/extra.pdf', Buffer.from('%PDF-1.7 not ours')));
    const run = await verify(added);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['consent-desk: authorizations/extra.pdf: not listed in the manifest (a file was added to the bundle).']);
  });

  it('exits 1 naming the line of the audit excerpt that was edited', async () => {
    const edited = path.join(work, 'audit-edited.zip');
    let seq = 0;
    await rewriteZip(bundle, edited, (files) => {
      const log = files.get('audit-log.jsonl')!.toString('utf8').split('\n');
      const event = JSON.parse(log[4]!) as { seq: number; detail: string };
      seq = event.seq;
      event.detail = `${event.detail} (edited)`;
      log[4] = JSON.stringify(event);
      files.set('audit-log.jsonl', Buffer.from(log.join('\n')));
    });
    const run = await verify(edited);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'consent-desk: audit-log.jsonl: changed (its SHA-256 does not match the manifest).',
      `consent-desk: audit-log.jsonl line 5 (event ${seq}): changed after it was written (its content does not match its hash).`,
    ]);
  });

  it('exits 1 when an audit event was removed from the excerpt and its manifest re-signed by someone else is impossible', async () => {
    const cut = path.join(work, 'audit-cut.zip');
    await rewriteZip(bundle, cut, (files) => {
      const log = files.get('audit-log.jsonl')!.toString('utf8').split('\n');
      log.splice(9, 1);
      files.set('audit-log.jsonl', Buffer.from(log.join('\n')));
    });
    const run = await verify(cut);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toContain('consent-desk: audit-log.jsonl line 10 (event 11): does not follow event 9: events are missing.');
  });

  it('checks the signer against a fingerprint the auditor was given', async () => {
    const pem = (await readZip(bundle)).get('practice-certificate.pem')!.toString('utf8');
    const fingerprint = fingerprintOf(fromPem(pem)!);
    const right = await verify(bundle, '--certificate-fingerprint', fingerprint);
    expect(right.code).toBe(0);
    expect(right.stdout).toContain('Signer: the certificate you expected.');
    const wrong = await verify(bundle, '--certificate-fingerprint', 'ab'.repeat(32));
    expect(wrong.code).toBe(1);
    expect(lines(wrong.stderr)).toEqual([expect.stringContaining('not the certificate you expected')]);
  });

  it('needs the bundle, and says so when it is not one', async () => {
    expect((await runConsentDesk(['verify-bundle'])).code).toBe(2);
    const notZip = path.join(work, 'not-a-bundle.zip');
    fs.writeFileSync(notZip, 'hello');
    const run = await verify(notZip);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringContaining('not a readable zip bundle')]);
  });
});

describe('consent-desk purge', () => {
  it('refuses inside the retention window, naming why, and changes nothing', async () => {
    const inEffect = await signedIn(['purge', '--id', ids.kept]);
    expect(inEffect.code).toBe(2);
    expect(lines(inEffect.stderr)).toEqual(['consent-desk: This authorization is still in effect; an authorization in effect is never purged.']);
    const revoked = await signedIn(['purge', '--id', ids.revoked]);
    expect(revoked.code).toBe(2);
    expect(lines(revoked.stderr)).toEqual([expect.stringContaining('must be kept through March 2, 2032')]);
    const list = await signedIn(['consents', 'list', '--json']);
    if (list.code === 0) expect(list.stdout).toContain(ids.revoked);
  });
});

describe('consent-desk backup and restore', () => {
  it('backs up, and restores over later changes with the password of the backup’s time', async () => {
    const file = path.join(work, 'store.cdbackup');
    const backup = await signedIn(['backup', '--out', file]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backup written: ${file}`);
    // No plaintext: neither SQLite's header nor a patient's name.
    const bytes = fs.readFileSync(file);
    expect(bytes.includes('SQLite format 3')).toBe(false);
    expect(bytes.includes('Lopez')).toBe(false);

    // A change after the backup: a new staff member.
    const t = testBackend({ dataDir });
    await t.call('session.signIn', admin);
    await t.call('staff.create', { username: 'later', displayName: 'Added Later', role: 'frontdesk', password: 'a later password here' });
    await t.call('session.signOut', {});
    t.backend.close();

    // While another process (here, this test's) has the store open, the restore is refused.
    const holder = testBackend({ dataDir });
    await holder.call('session.signIn', admin);
    const busy = await signedIn(['restore', '--from', file]);
    expect(busy.code).not.toBe(0);
    expect(lines(busy.stderr)).toEqual([expect.stringContaining(`Another Consent Desk process has this store open (process ${process.pid})`)]);
    expect((await holder.call('staff.list', {})).map((s) => s.username)).toContain('later');
    await holder.call('session.signOut', {});
    holder.backend.close();

    const wrong = await runConsentDesk(['restore', '--data-dir', dataDir, '--user', 'admin', '--password-stdin', '--from', file], 'not the password\n');
    expect(wrong.code).toBe(2);
    expect(lines(wrong.stderr)).toEqual([expect.stringContaining('does not open this backup')]);

    const restore = await signedIn(['restore', '--from', file]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('integrity check ok; audit chain intact');
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.restore-'))).toEqual([]);

    const after = testBackend({ dataDir });
    await after.call('session.signIn', admin);
    expect((await after.call('staff.list', {})).map((s) => s.username)).not.toContain('later');
    const status = await after.call('store.status', {});
    expect(status.auditChain.intact).toBe(true);
    const restored = (await after.call('audit.list', { action: 'store.restored' })).events;
    expect(restored).toHaveLength(1);
    expect(restored[0]!.actorName).toBe('admin');
    after.backend.close();
  });
});
