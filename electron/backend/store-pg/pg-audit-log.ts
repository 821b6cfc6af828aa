import type { ClientBase } from 'pg';
import type { AuditEvent, AuditFilter, AuditPage, ChainVerification } from '../../../shared/audit';
import type { ActivityCount } from '../../../shared/compliance/staff-activity';
import { eventHash, genesisHash, judgeChainHead, nextAuditEvent, type AuditEntry } from '../audit/audit-log';
import { FieldDecryptionError, type FieldCipher, type FieldContext } from './field-crypto';
import { auditAppendLock } from './pg-schema';
import type { AuditRepository } from './store-interface';

/**
 * The audit chain on PostgreSQL: the same events and the same hashes as the
 * SQLite chain (so a store moved between engines verifies unchanged), with
 * the actor's name, the detail and the hashes sealed before they are sent.
 */

interface SealedBody {
  actorName: string;
  detail: string;
  prevHash: string;
  hash: string;
}

type AuditRow = {
  seq: string;
  at: string;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  sealed: Buffer;
};

const bodyContext = (seq: number): FieldContext => ({ table: 'audit_events', column: 'sealed', recordId: String(seq) });
const headContext = (seq: number): FieldContext => ({ table: 'audit_head', column: 'sealed_hash', recordId: String(seq) });

export async function readHead(client: ClientBase, cipher: FieldCipher): Promise<{ seq: number; hash: string }> {
  const row = (await client.query<{ seq: string; sealed_hash: Buffer | null }>('SELECT seq, sealed_hash FROM audit_head WHERE id = 1')).rows[0];
  if (!row) throw new Error('The audit chain’s head is missing.');
  const seq = Number(row.seq);
  return { seq, hash: row.sealed_hash === null ? genesisHash : cipher.decryptText(row.sealed_hash, headContext(seq)) };
}

/**
 * Append one event. Call it inside the transaction of the change it records
 * (READ COMMITTED, PostgreSQL's default): the advisory lock makes every other
 * workstation's append wait until this transaction ends, and each statement
 * after the lock sees the head the previous holder committed.
 */
export async function appendAuditPg(client: ClientBase, cipher: FieldCipher, entry: AuditEntry): Promise<AuditEvent> {
  // Outside a transaction the lock would end with its statement, and the event and the head's move would
  // commit apart. The server reports the connection's transaction status with every reply.
  if (client.getTransactionStatus() !== 'T') {
    throw new Error('An audit event is appended inside the open transaction of the change it records (BEGIN first).');
  }
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...auditAppendLock]);
  const head = await readHead(client, cipher);
  const event = nextAuditEvent(head, entry);
  const body: SealedBody = { actorName: event.actorName, detail: event.detail, prevHash: event.prevHash, hash: event.hash };
  await client.query(
    'INSERT INTO audit_events (seq, at, actor_id, action, subject_type, subject_id, sealed) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [event.seq, event.at, event.actorId, event.action, event.subjectType, event.subjectId, cipher.encryptText(JSON.stringify(body), bodyContext(event.seq))],
  );
  await client.query('UPDATE audit_head SET seq = $1, sealed_hash = $2 WHERE id = 1', [
    event.seq,
    cipher.encryptText(event.hash, headContext(event.seq)),
  ]);
  return event;
}

/**
 * Append an event exactly as another store recorded it (a store being moved
 * here): same number, time, actor, detail and hashes. Refused unless it is
 * the next event of this chain and its hash is its content's, so a copied
 * chain is the same chain or nothing. Inside a transaction, as appendAuditPg.
 */
export async function importAuditEventPg(client: ClientBase, cipher: FieldCipher, event: AuditEvent): Promise<void> {
  if (client.getTransactionStatus() !== 'T') {
    throw new Error('An audit event is imported inside an open transaction (BEGIN first).');
  }
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...auditAppendLock]);
  const head = await readHead(client, cipher);
  const { hash, ...content } = event;
  if (event.seq !== head.seq + 1 || event.prevHash !== head.hash) {
    throw new Error(`Audit event ${event.seq} does not follow event ${head.seq} of the chain being built; nothing was copied.`);
  }
  if (eventHash(content) !== hash) throw new Error(`Audit event ${event.seq} does not match its hash; nothing was copied.`);
  const body: SealedBody = { actorName: event.actorName, detail: event.detail, prevHash: event.prevHash, hash };
  await client.query(
    'INSERT INTO audit_events (seq, at, actor_id, action, subject_type, subject_id, sealed) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [event.seq, event.at, event.actorId, event.action, event.subjectType, event.subjectId, cipher.encryptText(JSON.stringify(body), bodyContext(event.seq))],
  );
  await client.query('UPDATE audit_head SET seq = $1, sealed_hash = $2 WHERE id = 1', [event.seq, cipher.encryptText(hash, headContext(event.seq))]);
}

export function openEvent(row: AuditRow, cipher: FieldCipher): AuditEvent {
  const seq = Number(row.seq);
  const body = JSON.parse(cipher.decryptText(row.sealed, bodyContext(seq))) as SealedBody;
  return {
    seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: body.actorName,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detail: body.detail,
    prevHash: body.prevHash,
    hash: body.hash,
  };
}

const pageSize = 1000;

/**
 * Up to `limit` events from `fromSeq` on, opened, in chain order (a backup of
 * the server copies them verbatim, hashes included). Inside the caller's
 * transaction: REPEATABLE READ for pages of one snapshot.
 */
export async function auditEventsFromPg(client: ClientBase, cipher: FieldCipher, fromSeq: number, limit = pageSize): Promise<AuditEvent[]> {
  const rows = (await client.query<AuditRow>('SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, limit])).rows;
  return rows.map((row) => openEvent(row, cipher));
}

/**
 * Walk the whole chain from one snapshot (REPEATABLE READ, read only): every
 * event follows the one before by number and hash and hashes to what it says;
 * the head points at the last event. A sealed value that does not open (moved
 * between rows, changed) breaks the chain at that event.
 */
export async function verifyAuditChainPg(client: ClientBase, cipher: FieldCipher): Promise<ChainVerification> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const result = await walkAuditChainPg(client, cipher);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The same walk inside a transaction the caller already holds (its snapshot must not move: REPEATABLE READ or stricter). */
export async function walkAuditChainPg(client: ClientBase, cipher: FieldCipher): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let count = 0;
  for (;;) {
    const rows = (
      await client.query<AuditRow>('SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2', [expectedSeq, pageSize])
    ).rows;
    for (const row of rows) {
      const seq = Number(row.seq);
      const bad = (problem: string): ChainVerification => ({ intact: false, events: count, firstBadSeq: seq, problem });
      if (seq !== expectedSeq) {
        return { intact: false, events: count, firstBadSeq: expectedSeq, problem: `Event ${expectedSeq} is missing.` };
      }
      let event: AuditEvent;
      try {
        event = openEvent(row, cipher);
      } catch (error) {
        if (error instanceof FieldDecryptionError || error instanceof SyntaxError) {
          return bad(`Event ${seq} was changed outside Consent Desk (its sealed part does not open).`);
        }
        throw error;
      }
      if (event.prevHash !== prevHash) {
        return bad(`Event ${seq} does not link to event ${seq - 1}: an earlier event was changed or removed.`);
      }
      if (eventHash(event) !== event.hash) {
        return bad(`Event ${seq} was changed after it was written (its content does not match its hash).`);
      }
      prevHash = event.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (rows.length < pageSize) break;
  }
  let head: { seq: number; hash: string };
  try {
    head = await readHead(client, cipher);
  } catch (error) {
    if (!(error instanceof FieldDecryptionError)) throw error;
    return { intact: false, events: count, firstBadSeq: count + 1, problem: 'The record of the chain’s head was changed outside Consent Desk.' };
  }
  return judgeChainHead(count, prevHash, head);
}

/** The events about one subject, oldest first (SQLite: `auditOfSubject`). */
export async function auditOfSubjectPg(client: ClientBase, cipher: FieldCipher, subjectId: string): Promise<AuditEvent[]> {
  const rows = (await client.query<AuditRow>('SELECT * FROM audit_events WHERE subject_id = $1 ORDER BY seq', [subjectId])).rows;
  return rows.map((row) => openEvent(row, cipher));
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * Each actor's count of each action in [fromInstant, toInstant) (SQLite:
 * the staff activity report's GROUP BY). The actor's name is sealed, so the
 * events in the range are opened here and counted, and the groups ordered as
 * SQLite's GROUP BY gives them: actor id (NULL first), name, action, each
 * byte by byte.
 */
export async function activityBetweenPg(client: ClientBase, cipher: FieldCipher, fromInstant: string, toInstant: string): Promise<ActivityCount[]> {
  const groups = new Map<string, ActivityCount>();
  // A page of events at a time, so a long range is never held whole.
  for (let after = 0; ; ) {
    const rows = (
      await client.query<AuditRow>('SELECT * FROM audit_events WHERE at >= $1 COLLATE "C" AND at < $2 COLLATE "C" AND seq > $3 ORDER BY seq LIMIT $4', [fromInstant, toInstant, after, pageSize])
    ).rows;
    for (const row of rows) {
      const event = openEvent(row, cipher);
      const key = JSON.stringify([event.actorId, event.actorName, event.action]);
      const group = groups.get(key);
      if (!group) {
        groups.set(key, { actorId: event.actorId, actorName: event.actorName, action: event.action, count: 1, firstAt: event.at, lastAt: event.at });
        continue;
      }
      group.count += 1;
      if (byteOrder(event.at, group.firstAt) < 0) group.firstAt = event.at;
      if (byteOrder(event.at, group.lastAt) > 0) group.lastAt = event.at;
    }
    if (rows.length < pageSize) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  return [...groups.values()].sort(
    (a, b) =>
      (a.actorId === b.actorId ? 0 : a.actorId === null ? -1 : b.actorId === null ? 1 : byteOrder(a.actorId, b.actorId)) ||
      byteOrder(a.actorName, b.actorName) ||
      byteOrder(a.action, b.action),
  );
}

/**
 * One page of the trail, newest first (SQLite: `listAudit`, the same filter
 * read the same way): the time, action and subject are in the clear, so the
 * server narrows by them; the actor's name is sealed, so with an actor asked
 * for the candidates are opened here a page at a time and compared as SQLite
 * compares them (the name lowercased, then exactly).
 */
export async function auditPagePg(client: ClientBase, cipher: FieldCipher, filter: AuditFilter): Promise<AuditPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (filter.from) add((n) => `at >= $${n} COLLATE "C"`, `${filter.from}T00:00:00.000Z`);
  if (filter.to) add((n) => `at < $${n} COLLATE "C"`, new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString());
  // SQLite's LIKE folds ASCII letters only; actions are ASCII, so ILIKE finds the same ones.
  if (filter.action) add((n) => `action ILIKE $${n} ESCAPE '\\'`, `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.subjectId) add((n) => `subject_id = $${n}`, filter.subjectId);
  const limit = filter.limit ?? 100;
  const before = filter.beforeSeq;
  const clause = (extra: string[]) => (where.length + extra.length ? `WHERE ${[...where, ...extra].join(' AND ')}` : '');
  if (!filter.actor) {
    const total = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events ${clause([])}`, params)).rows[0]!.n);
    const page = before ? [`seq < $${params.length + 1}`] : [];
    const rows = (await client.query<AuditRow>(`SELECT * FROM audit_events ${clause(page)} ORDER BY seq DESC LIMIT $${params.length + page.length + 1}`, [...params, ...(before ? [before] : []), limit])).rows;
    return { events: rows.map((row) => openEvent(row, cipher)), total };
  }
  const actor = filter.actor.toLowerCase();
  const events: AuditEvent[] = [];
  let total = 0;
  for (let below: number | null = null; ; ) {
    const batch: string[] = below === null ? [] : [`seq < $${params.length + 1}`];
    const rows: AuditRow[] = (
      await client.query<AuditRow>(`SELECT * FROM audit_events ${clause(batch)} ORDER BY seq DESC LIMIT $${params.length + batch.length + 1}`, [...params, ...(below === null ? [] : [below]), pageSize])
    ).rows;
    for (const row of rows) {
      const event = openEvent(row, cipher);
      if (event.actorName !== actor) continue;
      total += 1;
      if ((!before || event.seq < before) && events.length < limit) events.push(event);
    }
    if (rows.length < pageSize) break;
    below = Number(rows[rows.length - 1]!.seq);
  }
  return { events, total };
}

/** The functions above as the store interface's audit repository (store-interface.ts). */
export function createPgAuditRepository(cipher: FieldCipher): AuditRepository<ClientBase> {
  return {
    appendAudit: (tx, entry) => appendAuditPg(tx, cipher, entry),
    auditOfSubject: (tx, subjectId) => auditOfSubjectPg(tx, cipher, subjectId),
    activityBetween: (tx, fromInstant, toInstant) => activityBetweenPg(tx, cipher, fromInstant, toInstant),
    auditPage: (tx, filter) => auditPagePg(tx, cipher, filter),
    verifyChain: (tx) => walkAuditChainPg(tx, cipher),
  };
}
