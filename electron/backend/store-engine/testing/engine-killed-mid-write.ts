// A workstation's backend in its own process, killed half-way through a transaction by store-engine.test.ts.
// node --import tsx engine-killed-mid-write.ts sqlite FILE | postgres URL, with standard input carrying
// {"key": "<hex>"} (the SQLite file's key or the practice data key; never in argv, where other processes can read it).
// In one write transaction: a patient and a draft authorization, then {"pending": true} on stdout, then it waits to be killed.
import pg from 'pg';
import { configureConnection, openDatabase } from '../../store/database';
import { FieldCipher } from '../../store-pg/field-crypto';
import { PgStoreEngine } from '../pg-store-engine';
import { SqliteStoreEngine } from '../sqlite-store-engine';
import type { StoreEngine } from '../store-engine';

const [kind, where] = process.argv.slice(2);
if ((kind !== 'sqlite' && kind !== 'postgres') || !where) throw new Error('usage: engine-killed-mid-write.ts sqlite FILE | postgres URL (key on stdin)');
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const key = Buffer.from((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string }).key, 'hex');

const at = '2026-12-01T12:00:00.000Z';

async function writeHalf<Tx>(engine: StoreEngine<Tx>): Promise<void> {
  await engine.write(async (tx) => {
    await engine.records.patients.insertPatient(tx, {
      id: '00000000-0000-4000-8000-00000000dead', firstName: 'Half', lastName: 'Written', dateOfBirth: '1975-05-05', recordNumber: 'R-KILLED',
      phone: null, email: null, city: null, createdAt: at, updatedAt: at,
    });
    await engine.records.consents.insertDraft(tx, {
      id: 'auth-killed', patientId: '00000000-0000-4000-8000-00000000dead', templateId: 'template-1',
      terms: { language: 'en', scope: { contentKinds: ['first_name'], channels: ['facebook'], otherChannels: [], purposes: ['advertising'], otherPurposes: [], conditions: [] }, expiration: { kind: 'date', date: '2027-06-01' }, remuneration: { thirdPartyPays: false, payer: '' }, representative: null, combinedWith: [], minorSignsAlone: null },
      createdAt: at, createdBy: 'staff-frontdesk',
    });
    process.stdout.write(`${JSON.stringify({ pending: true })}\n`);
    await new Promise(() => setInterval(() => undefined, 60_000));
  });
}

if (kind === 'sqlite') {
  const db = openDatabase(where, key, { cipher: 'aegis' });
  configureConnection(db);
  await writeHalf(new SqliteStoreEngine(db));
} else {
  await writeHalf(new PgStoreEngine(new pg.Pool({ connectionString: where, max: 1 }), new FieldCipher([{ keyId: 1, dataKey: key }], 1)));
}
