/**
 * Child process of store/crash-safety.test.ts: writes audited records in a
 * loop until it is killed.
 *
 * Usage: node --import tsx crash-writer.ts DATA_DIR, with standard input
 * carrying `{"key": "<data key, hex>", "cipher": "sqlcipher"}` (the key never
 * goes through argv or the environment, where other processes can read it).
 *
 * It opens the database with the same connection settings as the app (WAL,
 * synchronous=FULL) and then, for each record, in one transaction: inserts a
 * staff row through the repository and appends its audit event, commits,
 * and only then writes the record's id and a newline to stdout: the
 * acknowledgement. Before the first record it writes "ready".
 *
 * It uses the database layer directly rather than Store.openWithKey, which
 * also loads every migration (and what they import), to keep start-up short:
 * the parent starts it dozens of times, and reopens the store through
 * Store.openWithKey itself after every kill.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { appendAudit } from '../audit/audit-log';
import { storePaths } from '../data-dir';
import { insertStaff } from '../repositories/staff-repository';
import { configureConnection, openDatabase, type CipherName } from '../store/database';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer.ts DATA_DIR (key on stdin)');
const { key, cipher } = JSON.parse(await readStdin()) as { key: string; cipher: CipherName };

const db = openDatabase(storePaths(dataDir).database, Buffer.from(key, 'hex'), { cipher });
configureConnection(db);
const write = db.transaction((id: string, at: string) => {
  insertStaff(db, {
    id,
    username: `crash-${id}`,
    displayName: 'Crash Writer',
    role: 'frontdesk',
    status: 'active',
    createdAt: at,
    updatedAt: at,
  });
  appendAudit(db, {
    at,
    actorId: null,
    actorName: 'crash-writer',
    action: 'staff.created',
    subjectType: 'staff',
    subjectId: id,
    detail: 'crash writer',
  });
});

fs.writeSync(1, 'ready\n');
for (;;) {
  const id = crypto.randomUUID();
  write(id, new Date().toISOString());
  fs.writeSync(1, `${id}\n`);
}
