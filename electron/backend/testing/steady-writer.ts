/**
 * Child process of the load tests: the app writing heavily. It opens the
 * store's database as the app does (WAL, synchronous=FULL, the busy
 * timeout) and commits one audited record per transaction at a steady
 * rate, like a busy front desk and a sweep together, until it is killed.
 *
 * Usage: node --import tsx steady-writer.ts DATA_DIR TX_PER_SECOND, with
 * `{"key": "<data key, hex>", "cipher": "aegis"}` on standard input (never
 * argv or the environment). It prints "ready", then once a second the
 * number of transactions committed so far.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { appendAudit } from '../audit/audit-log';
import { storePaths } from '../data-dir';
import { configureConnection, openDatabase, type CipherName } from '../store/database';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const [dataDir, rateText] = process.argv.slice(2);
const rate = Number(rateText);
if (!dataDir || !(rate > 0)) throw new Error('usage: steady-writer.ts DATA_DIR TX_PER_SECOND (key on stdin)');
const { key, cipher } = JSON.parse(await readStdin()) as { key: string; cipher: CipherName };

const db = openDatabase(storePaths(dataDir).database, Buffer.from(key, 'hex'), { cipher });
configureConnection(db);
const write = db.transaction((id: string) => {
  appendAudit(db, { at: new Date().toISOString(), actorId: null, actorName: 'steady-writer', action: 'settings.updated', subjectType: 'load', subjectId: id, detail: 'load' });
});

const pause = new Int32Array(new SharedArrayBuffer(4));
fs.writeSync(1, 'ready\n');
const started = Date.now();
let committed = 0;
let reported = started;
for (;;) {
  // Immediate, like the app's writes: a deferred one could not wait for the lock.
  write.immediate(crypto.randomUUID());
  committed += 1;
  const now = Date.now();
  if (now - reported >= 1000) {
    fs.writeSync(1, `${committed}\n`);
    reported = now;
  }
  const due = started + (committed * 1000) / rate;
  if (due > now) Atomics.wait(pause, 0, 0, due - now);
}
