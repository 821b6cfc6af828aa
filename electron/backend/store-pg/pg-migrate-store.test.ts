import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listed } from '../../cli/commands/consents-list';
import { runConsentDesk } from '../../cli/testing/cli-process';
import { summaryOf } from '../consents/authorization-view';
import { openSlot } from '../crypto/key-slots';
import { storePaths } from '../data-dir';
import { upsertSchedule } from '../repositories/channel-review-repository';
import { insertIncident, insertIncidentDocument, saveAssessment, saveClosed, saveDecision, saveNotice } from '../repositories/incident-repository';
import { insertReviewMessage } from '../repositories/post-review-repository';
import { recordReplyCheck } from '../repositories/reply-check-repository';
import { readSettings } from '../repositories/settings-repository';
import { listStaff } from '../repositories/staff-repository';
import { getTemplate } from '../repositories/template-repository';
import { openDatabase, type Db } from '../store/database';
import { findStaffSlot, readKeyring, type Keyring } from '../store/keyring';
import { Store } from '../store/store';
import { tempDataDir } from '../testing/test-backend';
import { FieldCipher } from './field-crypto';
import { createPgConsentRepository } from './pg-consent-repository';
import { checkMovedStore, copyStoreToPg, moveStoreToPg } from './pg-migrate-store';
import { createFoundationSchema } from './pg-schema';
import { createPgKeyringRepository, createPgSettingsRepository, createPgStaffRepository } from './pg-staff-repository';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from './testing/pg-cluster';
import { seedDemoStoreIn } from './testing/demo-store';

/**
 * The demo store (every state of authorizations and posts, photos, a year of
 * audit events), made by the real seeding code on a real encrypted file, is
 * moved to a throwaway PostgreSQL and checked against the file and against
 * the real `consents list --json`.
 */
const password = 'demo password for everyone';
const root = tempDataDir('pg-move');
const dataDir = path.join(root, 'store');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const fileHash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Besides the incidents the demo opens itself, add incidents, review threads, a schedule and checked replies to the file, through today's
 * repository functions, by the marketing account (the test renames the administrator later), about a post
 * that relied on a consent and is not published (the test changes the published ones later).
 */
function seedProgramIncidents(db: Db): void {
  const by = listStaff(db).find((s) => s.username === 'marketing')!.id;
  const post = db.prepare("SELECT id, patient_id AS patientId FROM posts WHERE state <> 'published' AND consent_id IS NOT NULL AND id NOT IN (SELECT post_id FROM incidents WHERE post_id IS NOT NULL) ORDER BY rowid LIMIT 1").get() as { id: string; patientId: string };
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString();
  const check = { safe: false, concerns: [{ kind: 'name' as const, start: 0, end: 5, text: 'Maria', message: 'A name' }], language: 'en' as const, suggestion: 'Thanks!', suggestions: { en: 'Thanks!', es: '¡Gracias!' } };
  db.transaction(() => {
    recordReplyCheck(db, { id: 'reply-moved-1', at: at(1), by, reply: 'Maria, glad your knee is better!', check });
    recordReplyCheck(db, { id: 'reply-moved-2', at: at(2), by, reply: 'Thank you for the kind words.', check: { ...check, safe: true, concerns: [] } });
    upsertSchedule(db, { id: 'schedule-moved', channel: 'facebook', frequency: 'monthly', assigneeId: by, startsOn: '2026-11-01', active: true, endedOn: null, at: at(3) });
    insertReviewMessage(db, { id: 'review-moved-1', postId: post.id, at: at(4), by, kind: 'request', body: 'Is this caption covered?', contentSha256: 'c'.repeat(64) });
    insertReviewMessage(db, { id: 'review-moved-2', postId: post.id, at: at(5), by, kind: 'comment', body: 'Yes, by her consent.', contentSha256: 'c'.repeat(64) });
    insertIncident(db, { id: 'incident-moved-post', trigger: 'takedown_required', at: at(6), by, discoveredOn: '2026-11-02', discoveryNote: 'Found on review', summary: 'The post stayed up after the revocation.', postId: post.id, patientId: post.patientId });
    insertIncident(db, { id: 'incident-moved-reply', trigger: 'phi_reply', at: at(7), by: null, discoveredOn: '2026-11-02', discoveryNote: '', summary: 'A reply named a patient.', postId: null, patientId: null, reply: { checkId: 'reply-moved-1', channel: 'facebook', url: 'https://facebook.example/r/1', postedOn: '2026-11-01' } });
    saveAssessment(db, 'incident-moved-post', {
      assessment: { identifiers: ['first_name'], sensitivity: 'low', natureNotes: 'Her first name.', recipients: 'The public.', viewed: 'yes', viewedEvidence: '12 views.', takedownNotes: 'Down the next day.', removalRequests: [], otherMitigation: '', probability: 'not_low' },
      at: at(8),
      by,
    });
    saveDecision(db, 'incident-moved-post', { decision: 'required', rationale: 'Seen by the public.', affectedCount: 1, largestStateCount: 1, at: at(9), by });
    insertIncidentDocument(db, { id: 'incident-moved-letter', incidentId: 'incident-moved-post', kind: 'letter', language: 'es', at: at(10), by, pdf: Buffer.from('%PDF-1.7 a letter'), sha256: 'd'.repeat(64) });
    saveNotice(db, 'incident-moved-post', 'individual', '2026-11-03', 'Handed over.');
    saveClosed(db, 'incident-moved-post', { outcome: 'Notified; closed.', at: at(11), by });
  })();
}

/** The incident documents the file says a staff member (by username) made. */
const incidentDocumentsBy = (db: Db, username: string) =>
  db.prepare('SELECT d.id FROM incident_documents d JOIN staff s ON s.id = d.created_by WHERE s.username = ? ORDER BY d.rowid').pluck().all(username) as string[];

describe.skipIf(!pgAvailable)(`migrate-store: an encrypted SQLite store moved to PostgreSQL${pgSkipReason}`, () => {
  const cluster = useThrowawayCluster();
  let db: Db;
  let cipher: FieldCipher;
  let keyring: Keyring;
  let dataKey: Buffer;
  let owner: pg.Client;
  let app: pg.Client;
  let superuser: pg.Client;

  beforeAll(async () => {
    await seedDemoStoreIn(dataDir, password);
    const paths = storePaths(dataDir);
    const [unlocked] = await Store.unlock(paths, { username: 'admin', password });
    cipher = new FieldCipher([{ keyId: unlocked!.keyring.keyEpoch, dataKey: unlocked!.dataKey }], unlocked!.keyring.keyEpoch);
    keyring = readKeyring(paths.keyring)!;
    dataKey = unlocked!.dataKey;
    db = openDatabase(paths.database, unlocked!.dataKey, { cipher: unlocked!.keyring.cipher });
    seedProgramIncidents(db);
    [owner, app, superuser] = await Promise.all([connect(cluster().ownerUrl), connect(cluster().appUrl), connect(cluster().superuserUrl)]);
  }, 300_000);

  afterAll(async () => {
    db?.close();
    await Promise.all([owner?.end(), app?.end(), superuser?.end()]);
  });

  it('copies nothing when the copying workstation dies half-way', async () => {
    await createFoundationSchema(owner, cluster().appRole);
    const pid = (await app.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    app.on('error', () => undefined);
    await expect(
      copyStoreToPg(db, cipher, app, async ({ step }) => {
        // The connection dies once the authorizations are copied: as a workstation switched off mid-move.
        if (step === 'authorizations') await superuser.query('SELECT pg_terminate_backend($1)', [pid]);
      }),
    ).rejects.toThrow();
    const counts = await superuser.query<{ patients: string; authorizations: string; events: string }>(
      'SELECT (SELECT count(*) FROM patients) AS patients, (SELECT count(*) FROM authorizations) AS authorizations, (SELECT count(*) FROM audit_events) AS events',
    );
    expect(counts.rows[0]).toEqual({ patients: '0', authorizations: '0', events: '0' });
    await app.end().catch(() => undefined);
    app = await connect(cluster().appUrl);
  });

  it('moves the demo store, and the copy verifies and lists its consents byte for byte as the file does', async () => {
    const before = await runConsentDesk(['consents', 'list', '--data-dir', dataDir, '--user', 'admin', '--password-stdin', '--json'], `${password}\n`);
    expect(before.code).toBe(0);
    const sourceHash = fileHash(storePaths(dataDir).database);

    // Into a second, empty database of the same cluster (the first holds the half-way attempt's empty schema).
    await superuser.query(`CREATE DATABASE moved OWNER ${cluster().ownerRole}`);
    const movedUrl = (url: string) => url.replace(`@/${cluster().database}?`, '@/moved?');
    const [movedOwner, movedApp] = await Promise.all([connect(movedUrl(cluster().ownerUrl)), connect(movedUrl(cluster().appUrl))]);
    try {
      const progress: string[] = [];
      const { counts, check } = await moveStoreToPg(
        db,
        cipher,
        { owner: movedOwner, app: movedApp, appRole: cluster().appRole },
        (p) => {
          if (p.done === p.total) progress.push(p.step);
        },
        { keyring },
      );
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);
      expect(check.target).toEqual(check.source);
      expect(check.source).toMatchObject({ intact: true });
      expect(counts.authorizations).toBeGreaterThan(5);
      expect(counts.posts).toBeGreaterThan(3);
      expect(counts.media).toBeGreaterThan(0);
      expect(counts.auditEvents).toBe(check.source.intact ? check.source.headSeq : -1);
      // Every step reports once it is done; a step with nothing to copy (no retired keys, say) reports nothing.
      const steps = [
        ...(['staff', 'settings', 'keySlots', 'retiredDataKeys', 'templates', 'scopePresets', 'certificates', 'policyVersions', 'policyAcknowledgments', 'patients', 'authorizations', 'patientCopies', 'testimonials', 'media', 'posts'] as const),
        ...(['trainingSessions', 'trainingMaterials', 'quizResults', 'channelReviews', 'purges'] as const),
        ...(['replyChecks', 'reviewSchedules', 'postReviewMessages', 'incidents', 'incidentDocuments', 'auditEvents'] as const),
      ];
      expect(progress).toEqual(steps.filter((step) => counts[step] > 0));
      expect(counts.templates).toBeGreaterThan(1);
      expect(counts.certificates).toBeGreaterThan(0);
      expect(counts.staff).toBeGreaterThan(2);
      expect(counts.keySlots).toBe(keyring.slots.length);
      const rowsOf = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      expect(counts).toMatchObject({ replyChecks: rowsOf('reply_checks'), reviewSchedules: rowsOf('review_schedules'), postReviewMessages: rowsOf('post_review_messages'), incidents: rowsOf('incidents'), incidentDocuments: rowsOf('incident_documents') });
      expect(counts.incidents).toBeGreaterThan(2);
      expect(counts.incidentDocuments).toBeGreaterThan(0);
      // The demo's compliance program: trainings with their notes, the quiz, a year of channel reviews.
      expect(counts.trainingSessions).toBeGreaterThan(1);
      expect(counts.trainingMaterials).toBeGreaterThan(0);
      expect(counts.quizResults).toBeGreaterThan(1);
      expect(counts.channelReviews).toBeGreaterThan(3);

      // Sign-in material moved whole: the administrator's own password opens the store's data key from the server's keyring,
      // and the server's staff and settings are the file's.
      const serverKeyring = await createPgKeyringRepository(cipher).readKeyring(movedApp);
      expect(serverKeyring).toEqual(keyring);
      expect(await openSlot(findStaffSlot(serverKeyring!, 'admin')!, password)).toEqual(dataKey);
      expect(await createPgStaffRepository(cipher).getStaffByUsername(movedApp, 'admin')).toMatchObject({ role: 'admin', status: 'active' });
      const settingsPg = createPgSettingsRepository(cipher);
      expect(await settingsPg.readSettings(movedApp)).toEqual(readSettings(db));
      expect(await settingsPg.settingKeys(movedApp)).toEqual(db.prepare('SELECT key FROM settings ORDER BY key').pluck().all());

      // `consents list --json` computed from the server's records is the file's, byte for byte.
      const printed = JSON.parse(before.stdout) as { asOf: string };
      const records = await createPgConsentRepository(cipher).listAuthorizations(movedApp);
      const authorizations = records.map(({ rowVersion: _v, ...r }) => listed(summaryOf(r, getTemplate(db, r.templateId)!, printed.asOf)));
      expect(`${JSON.stringify({ asOf: printed.asOf, authorizations }, null, 2)}\n`).toBe(before.stdout);

      // The move only read the file.
      expect(fileHash(storePaths(dataDir).database)).toBe(sourceHash);
      // A second move into the same database is refused, and changes nothing.
      await expect(moveStoreToPg(db, cipher, { owner: movedOwner, app: movedApp, appRole: cluster().appRole })).rejects.toThrow(/already holds a Consent Desk store/);
      expect((await checkMovedStore(db, cipher, movedApp, { keyring })).ok).toBe(true);

      // The check can fail: a record changed on the server after the move is reported.
      await movedOwner.query('ALTER TABLE posts DISABLE TRIGGER USER');
      await movedOwner.query("UPDATE posts SET state = 'draft' WHERE state = 'published'");
      const tampered = await checkMovedStore(db, cipher, movedApp);
      expect(tampered.ok).toBe(false);
      expect(tampered.problems).toEqual(['Posts differ between the file and the server.']);

      // And on the program's incidents and review threads: a closed incident changed, a message gone.
      for (const table of ['incidents', 'post_review_messages']) await movedOwner.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      await movedOwner.query("UPDATE incidents SET affected_count = 7 WHERE id = 'incident-moved-post'");
      await movedOwner.query("DELETE FROM post_review_messages WHERE id = 'review-moved-2'");
      // And on schema 6: a training session, a review's confirmation and the write counter changed on the server are reported.
      await movedOwner.query('ALTER TABLE training_sessions DISABLE TRIGGER USER');
      await movedOwner.query("UPDATE training_sessions SET held_on = '2001-01-01' WHERE id = (SELECT min(id) FROM training_sessions)");
      await movedOwner.query('ALTER TABLE channel_review_posts DISABLE TRIGGER USER');
      expect((await movedOwner.query('UPDATE channel_review_posts SET covered = NOT covered')).rowCount).toBeGreaterThan(0);
      await movedApp.query('UPDATE store_meta SET write_counter = write_counter + 5');
      expect((await checkMovedStore(db, cipher, movedApp)).problems).toEqual([
        'Posts differ between the file and the server.',
        'Training sessions differ between the file and the server.',
        'Channel reviews differ between the file and the server.',
        'Store meta differs between the file and the server.',
        'Post review threads differ between the file and the server.',
        'Incidents differ between the file and the server.',
      ]);

      // And on sign-in material: a setting or a staff member changed on the server after the move is reported.
      const staffPg = createPgStaffRepository(cipher);
      await settingsPg.writeSetting(movedApp, 'idleMinutes', 99);
      await staffPg.updateStaff(movedApp, (await staffPg.getStaffByUsername(movedApp, 'admin'))!.id, { displayName: 'Renamed' }, new Date().toISOString());
      await createPgKeyringRepository(cipher).setAuditPublicKey(movedApp, 'another key');
      expect((await checkMovedStore(db, cipher, movedApp, { keyring })).problems).toEqual([
        'Staff members differ between the file and the server.',
        'Settings differ between the file and the server.',
        'Key slots differ between the file and the server.',
        // The renamed administrator published the demo's policy: the versions name them.
        'Policy versions differ between the file and the server.',
        'Posts differ between the file and the server.',
        // Schema 6's changes above, still reported.
        'Training sessions differ between the file and the server.',
        'Channel reviews differ between the file and the server.',
        'Store meta differs between the file and the server.',
        // The demo's review schedule and incident documents name the administrator too; the message and the incident changed above still differ.
        'Review schedules differ between the file and the server.',
        'Post review threads differ between the file and the server.',
        'Incidents differ between the file and the server.',
        ...incidentDocumentsBy(db, 'admin').map((id) => `The signed incident document ${id} differs between the file and the server.`),
      ]);
    } finally {
      await Promise.all([movedOwner.end(), movedApp.end()]);
    }
  }, 300_000);
});
