import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storePaths } from '../data-dir';
import { adminPassword, rejection, setUpStore, testBackend } from '../testing/test-backend';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A closed store with three failed sign-ins recorded while it was closed. */
async function closedWithFailures() {
  const t = await setUpStore();
  dirs.push(t.dataDir);
  await t.call('session.signOut', {});
  t.backend.close();
  const again = testBackend({ dataDir: t.dataDir });
  for (let i = 0; i < 3; i++) expect((await rejection(again.call('session.signIn', { username: 'admin', password: `wrong password ${i}` }))).code).toBe('unauthorized');
  again.backend.close();
  return t.dataDir;
}

async function openAndList(dataDir: string, action: string) {
  const t = testBackend({ dataDir });
  await t.call('session.signIn', { username: 'admin', password: adminPassword });
  const events = await t.call('audit.list', { action });
  const alerts = (await t.call('app.state', {})).alerts ?? [];
  t.backend.close();
  return { events: events.events, alerts };
}

describe('the files written beside a closed store', () => {
  it('keep the sign-in attempts sealed: no username, no count in the clear', async () => {
    const dataDir = await closedWithFailures();
    const text = fs.readFileSync(path.join(dataDir, 'sign-in-attempts.json'), 'utf8');
    expect(text).not.toMatch(/admin|count|blockedUntil/);
    expect(fs.statSync(path.join(dataDir, 'installation.key')).mode & 0o777).toBe(0o600);
  });

  it('notice the attempts file deleted (it used to reset the throttle without a trace)', async () => {
    const dataDir = await closedWithFailures();
    // Seen once by an open store, then deleted.
    await openAndList(dataDir, 'session');
    const t = testBackend({ dataDir });
    await rejection(t.call('session.signIn', { username: 'admin', password: 'wrong again here' }));
    t.backend.close();
    fs.rmSync(path.join(dataDir, 'sign-in-attempts.json'));
    const { events, alerts } = await openAndList(dataDir, 'session.attempts_tampered');
    expect(events.map((e) => e.detail)).toEqual([expect.stringMatching(/was deleted/)]);
    expect(alerts.map((a) => a.kind)).toContain('tampering');
  });

  it('notice the attempts file edited', async () => {
    const dataDir = await closedWithFailures();
    const file = path.join(dataDir, 'sign-in-attempts.json');
    const sealed = JSON.parse(fs.readFileSync(file, 'utf8')) as { ciphertext: string };
    sealed.ciphertext = Buffer.from('{}').toString('base64');
    fs.writeFileSync(file, JSON.stringify(sealed));
    const { events } = await openAndList(dataDir, 'session.attempts_tampered');
    expect(events.map((e) => e.detail)).toEqual([expect.stringMatching(/changed outside Consent Desk/)]);
  });

  it('notice failed sign-ins erased by deleting pending-audit.jsonl', async () => {
    const dataDir = await closedWithFailures();
    await openAndList(dataDir, 'session');
    const t = testBackend({ dataDir });
    for (let i = 0; i < 2; i++) await rejection(t.call('session.signIn', { username: 'admin', password: `wrong password ${i}` }));
    t.backend.close();
    fs.rmSync(path.join(dataDir, 'pending-audit.jsonl'));
    const { events, alerts } = await openAndList(dataDir, 'audit.pending_missing');
    expect(events.map((e) => e.detail)).toEqual([expect.stringMatching(/^2 event\(s\) sealed beside the store/)]);
    expect(alerts.map((a) => a.kind)).toContain('tampering');
  });

  it('notice a recovery slot removed from the key file, at the next open', async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    t.backend.close();
    const file = storePaths(t.dataDir).keyring;
    const keyring = JSON.parse(fs.readFileSync(file, 'utf8')) as { slots: { unlock: { kind: string } }[] };
    keyring.slots = keyring.slots.filter((s) => s.unlock.kind !== 'recovery');
    fs.writeFileSync(file, JSON.stringify(keyring));
    const { events, alerts } = await openAndList(t.dataDir, 'store.problem_found');
    expect(events.map((e) => e.detail)).toEqual([expect.stringMatching(/no recovery slot/)]);
    expect(alerts.find((a) => a.kind === 'keyring')?.message).toMatch(/issue a new recovery key/);
  });
});
