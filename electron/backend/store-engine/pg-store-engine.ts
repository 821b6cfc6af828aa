import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientBase, Pool, PoolClient } from 'pg';
import { AppError } from '../../../shared/errors';
import type { FieldCipher } from '../store-pg/field-crypto';
import { createPgAuditRepository } from '../store-pg/pg-audit-log';
import { createPgReportRepository } from '../store-pg/pg-report-repository';
import { createPgExportRepository } from '../store-pg/pg-export-repository';
import { createPgConsentRepository } from '../store-pg/pg-consent-repository';
import { createPgPatientRepository } from '../store-pg/pg-patient-repository';
import { createPgPostRepository } from '../store-pg/pg-post-repository';
import { createPgProgramIncidentRecords } from '../store-pg/pg-program-incidents-repository';
import { createPgProgramRecords } from '../store-pg/pg-program-repository';
import { createPgProgramReviewRecords } from '../store-pg/pg-program-reviews-repository';
import { createPgPracticeRecords } from '../store-pg/pg-practice-repository';
import { createPgSettingsRepository, createPgStaffRepository } from '../store-pg/pg-staff-repository';
import { createPgTestimonialRepository } from '../store-pg/pg-testimonial-repository';
import { TransactionScope, type EngineSnapshot, type SharedRecords, type SnapshotStoreEngine, type TransactionOptions } from './store-engine';

export const serverUnreachableMessage = 'The practice server cannot be reached. Nothing was saved; check the network and try again.';
export const serverBusyMessage = 'Other workstations kept changing the same records at the same moment. Nothing was saved; try again.';

/** SQLSTATEs a transaction is retried on from the start: serialization_failure, deadlock_detected. */
const retriedStates = new Set(['40001', '40P01']);

/**
 * Connection failures: class 08 (connection exception), the server shutting
 * down or refusing (57P01-57P03), and the socket errors node reports before
 * PostgreSQL could say anything.
 */
const connectionStates = /^(08...|57P0[123])$/;
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT', 'EPIPE']);

export function isConnectionFailure(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (connectionStates.test(code) || socketCodes.has(code)) return true;
  // node-postgres's own words for a connection that ended or timed out (no code).
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed/i.test(message);
}

/** The AppError a failure of the server or connection becomes; anything else is returned as it was. */
export function mapPgFailure(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (isConnectionFailure(error)) return new AppError('server_unreachable', serverUnreachableMessage);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '28P01' || code === '28000') {
    return new AppError('unauthorized', 'The practice server refused the database account (wrong user name or password). Nothing was saved; ask whoever set up the server.');
  }
  if (typeof code === 'string' && retriedStates.has(code)) return new AppError('conflict', serverBusyMessage);
  return error;
}

export interface PgEngineOptions {
  /** Tries of one transaction on a serialisation failure or deadlock before `conflict` (default 4). */
  attempts?: number;
  /**
   * Work every write transaction ends with, inside it, before COMMIT (as the
   * Store's end of a write on SQLite: kept coverage settled). On a retried
   * transaction it runs again with the rest.
   */
  beforeCommit?: (tx: ClientBase) => Promise<void>;
}

/**
 * A PostgreSQL server as a store engine: each transaction takes a client
 * from the pool, runs BEGIN … COMMIT on it (READ COMMITTED unless asked for
 * REPEATABLE READ; `read` is READ ONLY), and gives it back. Serialisation
 * failures and deadlocks are retried from the start a few times, then
 * `conflict`; a server that cannot be reached, or a connection lost
 * mid-transaction, is `server_unreachable`, and the server rolls back what
 * the transaction wrote. The one case where "nothing was saved" cannot be
 * known is a connection lost while COMMIT itself was in flight.
 */
export class PgStoreEngine implements SnapshotStoreEngine<ClientBase> {
  readonly kind = 'postgres' as const;
  readonly records: SharedRecords<ClientBase>;
  private readonly scope = new TransactionScope();
  private readonly attempts: number;
  private readonly beforeCommit: ((tx: ClientBase) => Promise<void>) | undefined;

  constructor(
    private readonly pool: Pool,
    cipher: FieldCipher,
    options: PgEngineOptions = {},
  ) {
    const posts = createPgPostRepository(cipher);
    this.records = {
      consents: createPgConsentRepository(cipher),
      testimonials: createPgTestimonialRepository(cipher),
      posts,
      coverage: posts,
      patients: createPgPatientRepository(cipher),
      audit: createPgAuditRepository(cipher),
      program: createPgProgramRecords(cipher),
      programIncidents: createPgProgramIncidentRecords(cipher),
      programReviews: createPgProgramReviewRecords(cipher),
      reports: createPgReportRepository(cipher),
      exports: createPgExportRepository(cipher),
      practice: createPgPracticeRecords(cipher),
      staff: createPgStaffRepository(cipher),
      settings: createPgSettingsRepository(cipher),
    };
    this.attempts = options.attempts ?? 4;
    this.beforeCommit = options.beforeCommit;
    // An idle pooled connection that breaks (the server restarted) is dropped by the pool; without a listener node would crash on it.
    pool.on('error', () => undefined);
  }

  read<T>(fn: (tx: ClientBase) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.run(true, fn, options);
  }

  write<T>(fn: (tx: ClientBase) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.run(false, fn, options);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** A pooled client of the snapshot's own, in REPEATABLE READ READ ONLY until released (one fewer client for the others meanwhile). */
  async snapshot(): Promise<EngineSnapshot<ClientBase>> {
    this.scope.refuseNested();
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw mapPgFailure(error);
    }
    let broken: unknown = null;
    const onError = (error: unknown) => {
      broken = error;
    };
    client.on('error', onError);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      if (!broken) {
        await client.query('ROLLBACK').catch((error: unknown) => {
          broken = error;
        });
      }
      client.removeListener('error', onError);
      client.release(broken ? (broken instanceof Error ? broken : true) : undefined);
    };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The snapshot is taken at the transaction's first statement: now, before anything is selected.
      await client.query('SELECT 1');
    } catch (error) {
      broken ??= error;
      await release();
      throw mapPgFailure(error);
    }
    return { tx: client, release };
  }

  private async run<T>(readOnly: boolean, fn: (tx: ClientBase) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    this.scope.refuseNested();
    const begin = `BEGIN ISOLATION LEVEL ${options.isolation === 'repeatable read' ? 'REPEATABLE READ' : 'READ COMMITTED'}${readOnly ? ' READ ONLY' : ''}`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(begin, fn, readOnly);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && retriedStates.has(code) && attempt < this.attempts) {
          await sleep(10 * attempt + Math.random() * 20 * attempt);
          continue;
        }
        throw mapPgFailure(error);
      }
    }
  }

  private async once<T>(begin: string, fn: (tx: ClientBase) => Promise<T>, readOnly: boolean): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw mapPgFailure(error);
    }
    // A checked-out client whose connection breaks between queries emits 'error'; unheard, node would crash.
    let broken: unknown = null;
    const onError = (error: unknown) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query(begin);
      const result = await this.scope.run(async () => {
        const value = await fn(client);
        if (!readOnly && this.beforeCommit) await this.beforeCommit(client);
        return value;
      });
      const commit = await client.query('COMMIT');
      // COMMIT of a transaction an error aborted (one `fn` caught and went on from) rolls back and says so only in its tag.
      if (commit.command === 'ROLLBACK') {
        throw new AppError('internal', 'The transaction failed part-way and was rolled back. Nothing was saved; this is a bug in Consent Desk.');
      }
      return result;
    } catch (error) {
      if (!broken && !isConnectionFailure(error)) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
      } else {
        broken ??= error;
      }
      throw error;
    } finally {
      client.removeListener('error', onError);
      // A broken connection is destroyed rather than given back.
      client.release(broken ? (broken instanceof Error ? broken : true) : undefined);
    }
  }
}
