import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import crypto from 'node:crypto';
import fc from 'fast-check';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher } from './field-crypto';
import { verifyAuditChainPg } from './pg-audit-log';
import { PgChangeFeed, type FeedEvent } from './pg-change-feed';
import { createPgConsentRepository } from './pg-consent-repository';
import { insertPatientPg } from './pg-patient-repository';
import { createPgStaffRecords } from './pg-staff-repository';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './testing/pg-cluster';
import { inTransaction, patientRecord, schemaAndAppClient, signatureOf, terms } from './testing/pg-fixtures';

const dataKey = crypto.randomBytes(32);
const cipher = new FieldCipher([{ keyId: 1, dataKey }], 1);
const consents = createPgConsentRepository(cipher);
const script = (name: string) => path.resolve(import.meta.dirname, 'testing', name);

/** Every event a feed delivers, and a way to wait for the next one that matches. */
function recorder(feed: PgChangeFeed) {
  const events: FeedEvent[] = [];
  const waiters: { match: (e: FeedEvent) => boolean; resolve: (e: FeedEvent) => void }[] = [];
  feed.subscribe((event) => {
    events.push(event);
    for (const w of [...waiters]) {
      if (w.match(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  return {
    events,
    next: (match: (e: FeedEvent) => boolean) => new Promise<FeedEvent>((resolve) => waiters.push({ match, resolve })),
  };
}

/** A child process printing JSON lines; `line(match)` resolves with the first that matches. */
function child(args: string[]) {
  const proc: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const waiters: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void; reject: (e: Error) => void }[] = [];
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  readline.createInterface({ input: proc.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  void exited.then((code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`${path.basename(args[0]!)} exited ${code} before printing what was awaited: ${stderr.slice(-1500)}`));
  });
  return {
    proc,
    exited,
    line: (match: (l: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const found = lines.find(match);
        if (found) resolve(found);
        else waiters.push({ match, resolve, reject });
      }),
  };
}

describe.skipIf(!pgAvailable)(`PostgreSQL change feed (LISTEN/NOTIFY)${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let app: pg.Client;
  let superuser: pg.Client;

  beforeAll(async () => {
    app = await schemaAndAppClient(cluster());
    superuser = new pg.Client({ connectionString: cluster().superuserUrl });
    await superuser.connect();
  });
  afterAll(async () => {
    await Promise.all([app?.end(), superuser?.end()]);
  });

  let clock = Date.parse('2026-12-01T09:00:00.000Z');
  const now = () => new Date((clock += 1000)).toISOString();
  const addPatient = (name: string) => {
    const p = patientRecord({ firstName: name, lastName: 'Feed', dateOfBirth: '1990-01-01' }, now());
    return { p, insert: () => insertPatientPg(app, cipher, p) };
  };

  it('delivers committed changes only, ignores forged payloads, and asks for a resync after a lost connection', async () => {
    const feed = await PgChangeFeed.start({ connection: { connectionString: cluster().appUrl }, firstRetryMs: 50 });
    const seen = recorder(feed);
    try {
      const rolledBack = addPatient('Never');
      await app.query('BEGIN');
      await rolledBack.insert();
      await app.query('ROLLBACK');
      // Anyone holding the app role can NOTIFY: a payload that is not a change is counted, never delivered.
      await app.query(`SELECT pg_notify('consent_desk_changes', '{"table":"patients","id":"x","kind":"drop everything"}')`);
      await app.query(`SELECT pg_notify('consent_desk_changes', 'not json')`);
      // And random ones, near-misses included: none is delivered, none stops the feed.
      const nearMiss = fc.record({ table: fc.constantFrom('patients', 'posts', 'staff'), id: fc.string({ maxLength: 300 }), kind: fc.string({ maxLength: 10 }), extra: fc.option(fc.integer()) });
      const forged = fc.sample(fc.oneof(fc.string({ unit: 'binary', maxLength: 2000 }), nearMiss.map((v) => JSON.stringify(v)), fc.json()), { numRuns: 60, seed: 15 });
      for (const payload of forged) await app.query("SELECT pg_notify('consent_desk_changes', $1)", [payload.replaceAll('\0', '')]);
      const kept = addPatient('Kept');
      const arrived = seen.next((e) => e.type === 'change');
      await inTransaction(app, kept.insert);
      // Notifications arrive in commit order, so the first change delivered is the committed patient.
      expect(await arrived).toEqual({ type: 'change', change: { table: 'patients', id: kept.p.id, kind: 'insert' } });
      expect(seen.events).toHaveLength(1);
      expect(feed.rejectedPayloads).toBe(2 + forged.length);

      // The server drops the listening connection (a restart, a network break): the feed reconnects and says to refresh.
      const resynced = seen.next((e) => e.type === 'resync');
      const listener = await superuser.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE usename = $1 AND query LIKE 'LISTEN%'",
        [cluster().appRole],
      );
      expect(listener.rows).toHaveLength(1);
      await superuser.query('SELECT pg_terminate_backend($1)', [listener.rows[0]!.pid]);
      await resynced;
      expect(seen.events.map((e) => e.type)).toEqual(['change', 'disconnected', 'resync']);
      const after = addPatient('After');
      const again = seen.next((e) => e.type === 'change');
      await inTransaction(app, after.insert);
      expect(await again).toMatchObject({ change: { id: after.p.id } });
    } finally {
      await feed.stop();
    }
  });

  it('announces staff accounts added, given another role and disabled, by id alone: never their username or name', async () => {
    const staff = createPgStaffRecords(cipher).staff;
    const feed = await PgChangeFeed.start({ connection: { connectionString: cluster().appUrl } });
    const seen = recorder(feed);
    // What the server itself sends on the channel, as anyone holding the app role could read it.
    const raw = new pg.Client({ connectionString: cluster().appUrl });
    await raw.connect();
    const payloads: string[] = [];
    raw.on('notification', (n) => payloads.push(n.payload ?? ''));
    await raw.query('LISTEN consent_desk_changes');
    try {
      const id = `staff-${crypto.randomUUID()}`;
      const at = now();
      const member = { id, username: 'jamie.rivera', displayName: 'Jamie Rivera', role: 'frontdesk' as const, status: 'active' as const, createdAt: at, updatedAt: at };
      // A rolled-back addition is never announced.
      await app.query('BEGIN');
      await staff.insertStaff(app, { ...member, id: `${id}-never`, username: 'never.kept' });
      await app.query('ROLLBACK');
      const inserted = seen.next((e) => e.type === 'change');
      await inTransaction(app, () => staff.insertStaff(app, member));
      expect(await inserted).toEqual({ type: 'change', change: { table: 'staff', id, kind: 'insert' } });
      const roleChanged = seen.next((e) => e.type === 'change' && seen.events.filter((x) => x.type === 'change').length === 2);
      await inTransaction(app, () => staff.updateStaff(app, id, { role: 'marketing' }, now()));
      expect(await roleChanged).toEqual({ type: 'change', change: { table: 'staff', id, kind: 'update' } });
      const disabled = seen.next((e) => e.type === 'change' && seen.events.filter((x) => x.type === 'change').length === 3);
      await inTransaction(app, () => staff.updateStaff(app, id, { status: 'disabled' }, now()));
      expect(await disabled).toEqual({ type: 'change', change: { table: 'staff', id, kind: 'update' } });
      expect(seen.events).toHaveLength(3);
      // The other listening connection may hear the last one a moment later: wait for it (an event, not a sleep).
      while (payloads.length < 3) await new Promise<void>((resolve) => raw.once('notification', () => resolve()));
      expect(payloads.map((p) => JSON.parse(p) as unknown)).toEqual([
        { table: 'staff', id, kind: 'insert' },
        { table: 'staff', id, kind: 'update' },
        { table: 'staff', id, kind: 'update' },
      ]);
      expect(payloads.join('\n')).not.toMatch(/jamie|rivera|never/i);
      expect(await staff.getStaffById(app, id)).toMatchObject({ role: 'marketing', status: 'disabled', displayName: 'Jamie Rivera' });
    } finally {
      await raw.end();
      await feed.stop();
    }
  });

  it('announces nothing and keeps nothing from a workstation killed before its revocation committed', async () => {
    const patient = patientRecord({ firstName: 'Anselm', lastName: 'Kowalczyk', dateOfBirth: '1961-04-30' }, now());
    const id = crypto.randomUUID();
    const pdf = Buffer.from('%PDF-1.7 signed authorization');
    await inTransaction(app, async () => {
      await insertPatientPg(app, cipher, patient);
      await consents.insertDraft(app, { id, patientId: patient.id, templateId: 't', terms: terms(), createdAt: now(), createdBy: 'staff-frontdesk' });
      await consents.recordPatientSignature(app, id, signatureOf('Anselm Kowalczyk', 'text', now()));
      await consents.finalizeAuthorization(app, id, { witnessId: 'staff-admin', witnessedAt: now(), contentSha256: 'c'.repeat(64), pdf, pdfSha256: 'd'.repeat(64) });
    });
    const chainBefore = await verifyAuditChainPg(app, cipher);
    const feed = await PgChangeFeed.start({ connection: { connectionString: cluster().appUrl } });
    const seen = recorder(feed);
    try {
      const frontDesk = child([script('pg-revoker.ts'), cluster().appUrl, dataKey.toString('hex'), id, 'hang']);
      await frontDesk.line((l) => l.pending === true);
      frontDesk.proc.kill('SIGKILL');
      await frontDesk.exited;
      // The server ends the dead session's transaction; this revocation waits for its row lock until then.
      const marker = seen.next((e) => e.type === 'change');
      const revokedHere = await inTransaction(app, () =>
        consents.recordRevocation(app, id, { revokedAt: now(), receivedOn: '2026-12-01', method: 'mail', note: '', scan: null, scanType: null, scanSha256: null, revokedBy: 'staff-admin', pdf, pdfSha256: 'e'.repeat(64) }),
      );
      expect(revokedHere).toBe(true);
      expect(await marker).toEqual({ type: 'change', change: { table: 'authorizations', id, kind: 'revoked' } });
      expect(seen.events).toHaveLength(1);
      expect(await consents.getAuthorization(app, id)).toMatchObject({ revokedBy: 'staff-admin', revocationMethod: 'mail' });
      // The killed session's audit event went with it: the chain is the one before, intact.
      expect(await verifyAuditChainPg(app, cipher)).toEqual(chainBefore);
    } finally {
      await feed.stop();
    }
  });

  it('brings a revocation written by one workstation process to another within a second', async () => {
    const patient = patientRecord({ firstName: 'Consuelo', lastName: 'Ferreira', dateOfBirth: '1972-08-09' }, now());
    const id = crypto.randomUUID();
    const pdf = Buffer.from('%PDF-1.7 signed authorization');
    await inTransaction(app, async () => {
      await insertPatientPg(app, cipher, patient);
      await consents.insertDraft(app, { id, patientId: patient.id, templateId: 't', terms: terms(), createdAt: now(), createdBy: 'staff-frontdesk' });
      await consents.recordPatientSignature(app, id, signatureOf('Consuelo Ferreira', 'text', now()));
      await consents.finalizeAuthorization(app, id, { witnessId: 'staff-admin', witnessedAt: now(), contentSha256: 'c'.repeat(64), pdf, pdfSha256: 'd'.repeat(64) });
    });
    const marketing = child([script('pg-change-listener.ts'), cluster().appUrl, dataKey.toString('hex')]);
    try {
      await marketing.line((l) => l.event === 'ready');
      const frontDesk = child([script('pg-revoker.ts'), cluster().appUrl, dataKey.toString('hex'), id]);
      const [{ committedAt }, received] = await Promise.all([
        frontDesk.line((l) => 'committedAt' in l),
        marketing.line((l) => l.event === 'change' && l.kind === 'revoked'),
      ]);
      expect(await frontDesk.exited).toBe(0);
      expect(received).toMatchObject({ table: 'authorizations', id, kind: 'revoked', revokedAt: expect.any(String) });
      // From the front desk's COMMIT returning to the marketing process having read the revoked record again.
      expect(Number(received.readAt) - Number(committedAt)).toBeLessThan(1000);
    } finally {
      marketing.proc.stdin.end();
      await marketing.exited;
    }
    expect((await consents.getAuthorization(app, id))?.revokedAt).not.toBeNull();
    expect((await verifyAuditChainPg(app, cipher)).intact).toBe(true);
  });
});
