import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInPolicy, type PolicyVersionText } from '../../../shared/program/policy';
import { createPgProgramRecords } from '../store-pg/pg-program-repository';
import { createPgStaffRepository } from '../store-pg/pg-staff-repository';
import type { ProgramRecords } from '../store-pg/store-interface-program';
import { pgAvailable, pgSkipReason, useThrowawayCluster } from '../store-pg/testing/pg-cluster';
import { createSqliteProgramRecords } from './sqlite-program-records';
import { pgEngineUnderTest, sqliteEngineUnderTest, testStaff, type EngineUnderTest } from './testing/engines-under-test';
import { outcome, type Entry, conformanceEngines } from './testing/conformance-transcript';

/**
 * ONE conformance suite for the compliance program's policy (published
 * versions, the draft, acknowledgments), run on both engines, transcripts
 * compared byte for byte; on the server, the raw rows are searched for the
 * sealed text and the records are refused any change.
 */

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const timeZone = 'America/Chicago';

const transcripts = new Map<string, Entry[]>();

const secretTitle = 'Zebulon social media rules, second edition';
const edited: PolicyVersionText = { ...builtInPolicy, en: { ...builtInPolicy.en, title: secretTitle } };
const member = (s: (typeof testStaff)[number]) => ({ id: s.id, username: s.id, displayName: s.displayName, role: 'admin' as const, status: 'active' as const, createdAt: at(0), updatedAt: at(0) });

function sqliteUnder(): EngineUnderTest {
  return sqliteEngineUnderTest({ testTemplates: false });
}

describe.each(conformanceEngines)('the policy on $name', ({ name, skip }) => {
  const cluster = name === 'postgres' && !skip ? useThrowawayCluster() : null;
  let under: EngineUnderTest;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let records: ProgramRecords<any>;
  const log: Entry[] = [];
  const note = (label: string, value: unknown) => log.push([label, value]);
  const write = <T>(fn: (tx: unknown) => Promise<T>) => under.engine.write(fn as never) as Promise<T>;
  const read = <T>(fn: (tx: unknown) => Promise<T>) => under.engine.read(fn as never) as Promise<T>;

  beforeAll(async () => {
    if (skip) return;
    if (name === 'sqlite') {
      under = sqliteUnder();
      records = createSqliteProgramRecords();
    } else {
      const pgUnder = await pgEngineUnderTest(cluster!());
      under = pgUnder;
      records = createPgProgramRecords(pgUnder.cipher);
      const staff = createPgStaffRepository(pgUnder.cipher);
      await pgUnder.engine.write(async (tx) => {
        for (const s of testStaff) await staff.insertStaff(tx, member(s));
      });
    }
  }, 180_000);
  afterAll(async () => {
    await under?.close();
    if (!skip) transcripts.set(name, log);
  });

  it.skipIf(skip)(`publishes versions, keeps the draft until then, and lists acknowledgments${name === 'postgres' ? pgSkipReason : ''}`, async () => {
    const p = records.policy;
    note('nothing in force', await outcome(read((tx) => p.policyInForce(tx, timeZone))));
    note('no draft', await outcome(read((tx) => p.getPolicyDraft(tx))));
    await write((tx) => p.savePolicyDraft(tx, builtInPolicy, at(1), 'staff-admin'));
    await write((tx) => p.savePolicyDraft(tx, edited, at(2), 'staff-marketing'));
    note('draft', await outcome(read((tx) => p.getPolicyDraft(tx))));
    note('publish 1', await outcome(write((tx) => p.insertPolicyVersion(tx, { id: 'policy-1', text: builtInPolicy, at: at(3), by: 'staff-admin', practiceName: 'Riverside' }))));
    note('draft gone', await outcome(read((tx) => p.getPolicyDraft(tx))));
    note('publish 2', await outcome(write((tx) => p.insertPolicyVersion(tx, { id: 'policy-2', text: edited, at: at(4), by: 'staff-admin', practiceName: 'Riverside' }))));
    note('same id again', await outcome(write((tx) => p.insertPolicyVersion(tx, { id: 'policy-2', text: edited, at: at(5), by: 'staff-admin', practiceName: 'Riverside' }))));
    const inForce = await read((tx) => p.policyInForce(tx, timeZone));
    expect(inForce).toMatchObject({ id: 'policy-2', version: 2, publishedByName: 'Pat Privacy' });
    expect(inForce?.text.en.title).toBe(secretTitle);
    note('in force', await outcome(Promise.resolve(inForce)));
    note('versions', await outcome(read((tx) => p.listPolicyVersions(tx, timeZone))));
    note('version 1', await outcome(read((tx) => p.getPolicyVersion(tx, 'policy-1', timeZone))));
    note('unknown', await outcome(read((tx) => p.getPolicyVersion(tx, 'policy-none', timeZone))));
    await write(async (tx) => {
      await p.insertAcknowledgment(tx, { id: 'ack-1', staffId: 'staff-frontdesk', versionId: 'policy-1', acknowledgedAt: at(10), acknowledgedOn: '2026-12-01', language: 'en', textSha256: 'a'.repeat(64), workstation: 'reception-1' });
      await p.insertAcknowledgment(tx, { id: 'ack-2', staffId: 'staff-marketing', versionId: 'policy-2', acknowledgedAt: at(11), acknowledgedOn: '2026-12-02', language: 'es', textSha256: 'b'.repeat(64), workstation: 'back-office' });
      await p.insertAcknowledgment(tx, { id: 'ack-3', staffId: 'staff-frontdesk', versionId: 'policy-2', acknowledgedAt: at(11), acknowledgedOn: '2026-12-02', language: 'en', textSha256: 'c'.repeat(64), workstation: 'reception-1' });
    });
    note('all', await outcome(read((tx) => p.listAcknowledgments(tx))));
    note('of one', await outcome(read((tx) => p.listAcknowledgments(tx, { staffId: 'staff-frontdesk' }))));
    note('up to a day', await outcome(read((tx) => p.listAcknowledgments(tx, { onOrBefore: '2026-12-01' }))));
    note('both', await outcome(read((tx) => p.listAcknowledgments(tx, { staffId: 'staff-marketing', onOrBefore: '2026-12-02' }))));
  });

  it.skipIf(skip || name === 'sqlite')('keeps the policy text and workstations sealed, and its records unchanged, on the server', async () => {
    const raw = await read(async (tx) => {
      const parts: string[] = [];
      for (const table of ['policy_versions', 'policy_draft', 'policy_acknowledgments']) {
        parts.push(...((await (tx as { query(sql: string): Promise<unknown> }).query(`SELECT t::text AS row FROM ${table} t`)) as { rows: { row: string }[] }).rows.map((r) => r.row));
      }
      return parts.join('\n').toLowerCase();
    });
    expect(raw).toContain('ack-3');
    for (const secret of [secretTitle, builtInPolicy.en.title, 'reception-1', 'back-office']) {
      expect(raw).not.toContain(secret.toLowerCase());
      expect(raw).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));
    }
    const query = (statement: string) => write((tx) => (tx as { query(sql: string): Promise<unknown> }).query(statement));
    for (const statement of ["UPDATE policy_versions SET published_at = 'x'", "UPDATE policy_acknowledgments SET language = 'es'", 'DELETE FROM policy_acknowledgments', 'DELETE FROM policy_versions']) {
      await expect(query(statement), statement).rejects.toThrow(/permission denied|never change/);
    }
  });
});

describe.skipIf(!pgAvailable)(`the policy: both engines${pgSkipReason}`, () => {
  it('gave the same versions, drafts and acknowledgments for the same inputs', () => {
    const sqlite = transcripts.get('sqlite');
    const postgres = transcripts.get('postgres');
    expect(sqlite?.length).toBeGreaterThan(14);
    for (const [i, entry] of (sqlite ?? []).entries()) expect(postgres?.[i]).toEqual(entry);
    expect(JSON.stringify(postgres)).toBe(JSON.stringify(sqlite));
  });
});
