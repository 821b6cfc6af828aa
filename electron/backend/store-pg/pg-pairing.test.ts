import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPairingCode, pairingAlphabet } from '../../../shared/pairing/pairing-code';
import { cancelPairingCode, createPairingCode, createPairingSchema, pairingLifetimeMs, redeemPairingCode, type IssuedPairingCode } from './pg-pairing';
import { createFoundationSchema } from './pg-schema';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './testing/pg-cluster';

const pairingRole = 'consent_desk_pairing';
const pairingPassword = crypto.randomBytes(12).toString('base64url');
/** The credential the codes carry: the app role's real one (random, so a dump can be searched for it). */
const appCredential = { user: '', password: '' };


/** A different secret than the code's, same id: what a person guessing would send. */
function wrongSecretOf(issued: IssuedPairingCode): string {
  const secret = [...issued.code.secret];
  secret[3] = pairingAlphabet[(pairingAlphabet.indexOf(secret[3]!) + 7) % 32]!;
  return formatPairingCode({ id: issued.code.id, secret: secret.join('') });
}

describe.skipIf(!pgAvailable)(`Pairing a workstation through one-time codes (real cluster)${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let admin: pg.Client;
  let superuser: pg.Client;
  let newcomer: pg.Client;
  const as = (user: string, password: string) => new pg.Client({ host: cluster().socketDir, port: cluster().port, database: cluster().database, user, password });
  const issue = (now = new Date()) => createPairingCode(admin, appCredential, { now, createdBy: 'staff-admin-1' });

  beforeAll(async () => {
    Object.assign(appCredential, { user: cluster().appRole, password: cluster().roleSecret(cluster().appRole) });
    superuser = new pg.Client({ connectionString: cluster().superuserUrl });
    await superuser.connect();
    // IT makes the pairing role as it made the app role: it may log in, nothing more.
    await superuser.query(`CREATE ROLE ${pairingRole} LOGIN PASSWORD '${pairingPassword}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`);
    await superuser.query(`GRANT CONNECT ON DATABASE ${cluster().database} TO ${pairingRole}`);
    const owner = new pg.Client({ connectionString: cluster().ownerUrl });
    await owner.connect();
    try {
      await createFoundationSchema(owner, cluster().appRole);
      await createPairingSchema(owner, { appRole: cluster().appRole, pairingRole });
    } finally {
      await owner.end();
    }
    admin = new pg.Client({ connectionString: cluster().appUrl });
    newcomer = as(pairingRole, pairingPassword);
    await Promise.all([admin.connect(), newcomer.connect()]);
  });

  afterAll(async () => {
    await Promise.all([admin?.end(), newcomer?.end(), superuser?.end()]);
  });

  it('gives the credential once, to the right code, and the credential works', async () => {
    const issued = await issue();
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(pairingLifetimeMs);
    // Typed the way people type: lower case, spaces instead of hyphens.
    const typed = formatPairingCode(issued.code).toLowerCase().replace(/-/g, ' ');
    const credential = await redeemPairingCode(newcomer, typed);
    expect(credential).toEqual(appCredential);
    const paired = as(credential.user, credential.password);
    await paired.connect();
    expect((await paired.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u).toBe(cluster().appRole);
    await paired.end();

    await expect(redeemPairingCode(newcomer, typed)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/used already/) });
    expect((await superuser.query('SELECT 1 FROM pairing_codes WHERE id = $1', [issued.code.id])).rowCount).toBe(0);
    // Its tries counter went with it.
    expect((await superuser.query("SELECT 1 FROM pg_class WHERE relkind = 'S' AND relname LIKE 'pairing_tries_%'")).rowCount).toBe(0);
  });

  it('refuses a typo before the server is asked, so no try is used', async () => {
    const issued = await issue();
    const chars = [...formatPairingCode(issued.code).replace(/-/g, '')];
    chars[9] = pairingAlphabet[(pairingAlphabet.indexOf(chars[9]!) + 1) % 32]!;
    await expect(redeemPairingCode(newcomer, chars.join(''))).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/mistyped.*No try was used/) });
    expect(await redeemPairingCode(newcomer, formatPairingCode(issued.code))).toEqual(appCredential);
  });

  it('counts wrong secrets and voids the code at the fifth, even for the right one after', async () => {
    const issued = await issue();
    const wrong = wrongSecretOf(issued);
    for (const left of [4, 3, 2, 1]) {
      await expect(redeemPairingCode(newcomer, wrong)).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining(`${left} tr`) });
    }
    await expect(redeemPairingCode(newcomer, wrong)).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/five times and is now cancelled/) });
    await expect(redeemPairingCode(newcomer, formatPairingCode(issued.code))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('counts tries a caller rolls back (guesses inside BEGIN … ROLLBACK still use them up)', async () => {
    const issued = await issue();
    const wrong = wrongSecretOf(issued);
    for (let i = 0; i < 5; i += 1) {
      await newcomer.query('BEGIN');
      await expect(redeemPairingCode(newcomer, wrong)).rejects.toMatchObject({ code: 'unauthorized' });
      await newcomer.query('ROLLBACK');
    }
    await newcomer.query('BEGIN');
    await expect(redeemPairingCode(newcomer, formatPairingCode(issued.code))).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/cancelled/) });
    await newcomer.query('COMMIT');
    await expect(redeemPairingCode(newcomer, formatPairingCode(issued.code))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses an expired code, by the clock passed in and the server’s own', async () => {
    const old = await issue(new Date(Date.now() - pairingLifetimeMs - 60_000));
    await expect(redeemPairingCode(newcomer, formatPairingCode(old.code))).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/expired/) });
    // Nine minutes old: still good.
    const recent = await issue(new Date(Date.now() - 9 * 60_000));
    expect(await redeemPairingCode(newcomer, formatPairingCode(recent.code))).toEqual(appCredential);
    // A clock ahead cannot make a code last longer than ten minutes of the server's time.
    const ahead = await issue(new Date(Date.now() + 24 * 3600_000));
    expect(Date.parse(ahead.expiresAt) - Date.now()).toBeLessThanOrEqual(pairingLifetimeMs + 5_000);
    expect(await cancelPairingCode(admin, ahead.code.id)).toBe(true);
    await expect(redeemPairingCode(newcomer, formatPairingCode(ahead.code))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lets two workstations race for one code: exactly one is paired', async () => {
    const issued = await issue();
    const other = as(pairingRole, pairingPassword);
    await other.connect();
    try {
      const results = await Promise.allSettled([redeemPairingCode(newcomer, formatPairingCode(issued.code)), redeemPairingCode(other, formatPairingCode(issued.code))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'not_found' } });
    } finally {
      await other.end();
    }
  });

  it('lets the pairing role do nothing but the two calls', async () => {
    const issued = await issue();
    const refused = (sql: string, params: unknown[] = []) => expect(newcomer.query(sql, params)).rejects.toThrow(/permission denied/);
    await refused('SELECT * FROM pairing_codes');
    await refused('SELECT id FROM pairing_codes');
    await refused('SELECT sealed_credential FROM pairing_codes');
    await refused("INSERT INTO pairing_codes (id) VALUES ('AAAAA')");
    await refused('UPDATE pairing_codes SET expires_at = expires_at + interval \'1 day\'');
    await refused('DELETE FROM pairing_codes');
    await refused('SELECT * FROM patients');
    await refused('SELECT * FROM audit_events');
    await refused('SELECT * FROM keyring');
    await refused('SELECT * FROM key_slots');
    await refused('SELECT * FROM settings');
    await refused('CREATE TABLE intruder (a int)');
    await refused('CREATE TEMP TABLE intruder (a int)');
    await refused('SELECT pairing_cancel($1)', [issued.code.id]);
    await refused('SELECT pairing_sweep()');
    await refused('SELECT pairing_create($1, now(), null, $2, 16384, 8, 1, $3, $4)', ['BBBBB', Buffer.alloc(16), Buffer.alloc(32), Buffer.alloc(40)]);
    const counter = (await superuser.query<{ tries_counter: string }>('SELECT tries_counter FROM pairing_codes WHERE id = $1', [issued.code.id])).rows[0]!.tries_counter;
    await refused(`SELECT setval('${counter}', 1)`);
    await refused(`SELECT nextval('${counter}')`);
    // The functions run with the owner's rights and a pinned search_path: a function of the caller's cannot stand in.
    const pinned = await superuser.query<{ proname: string; proconfig: string[]; prosecdef: boolean }>(
      "SELECT proname, proconfig, prosecdef FROM pg_proc WHERE proname LIKE 'pairing\\_%' ORDER BY proname",
    );
    expect(pinned.rows.map((r) => r.proname)).toEqual(['pairing_cancel', 'pairing_challenge', 'pairing_create', 'pairing_redeem', 'pairing_sweep']);
    for (const row of pinned.rows) {
      expect(row.prosecdef).toBe(true);
      expect(row.proconfig).toEqual(['search_path=pg_catalog, pg_temp']);
    }
    // Still usable after all that: nothing was spent.
    expect(await redeemPairingCode(newcomer, formatPairingCode(issued.code))).toEqual(appCredential);
  });

  it('leaves no credential, secret or proof in a pg_dump of the server', async () => {
    const waiting = await issue();
    const dump = cluster().dump();
    expect(dump).toContain('pairing_codes');
    expect(dump).toContain(waiting.code.id);
    const secretForms = [
      appCredential.password,
      Buffer.from(appCredential.password).toString('hex'),
      Buffer.from(appCredential.password).toString('base64'),
      waiting.code.secret,
      formatPairingCode(waiting.code),
    ];
    for (const secret of secretForms) expect(dump.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(dump).not.toMatch(/consent-desk-pairing-credential/);
  });
});
