import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../../shared/errors';
import type { ProgramRecords } from '../store-pg/store-interface-program';
import type { ProgramIncidentRecords } from '../store-pg/store-interface-program-incidents';
import type { ProgramReviewRecords } from '../store-pg/store-interface-program-reviews';
import type { PracticeRecords } from '../store-pg/store-interface-practice';
import type { ReportRecords } from '../store-pg/store-interface-reports';
import type { ExportRecords } from '../store-pg/store-interface-export';
import type { SettingsRepository, StaffRepository } from '../store-pg/store-interface-staff';
import type { AuditRepository, ConsentRepository, KeptCoverageRepository, PatientRepository, PostRepository, TestimonialRepository } from '../store-pg/store-interface';

/**
 * The store engine (issue 15, design section 1): one transaction abstraction
 * over the encrypted SQLite file and over a PostgreSQL server, and the shared
 * records' repositories for it. Backend code written against this does not
 * know which engine it runs on:
 *
 *   await engine.write(async (tx) => {
 *     const consent = await engine.records.consents.getAuthorization(tx, id);
 *     …
 *   });
 *
 * What `fn` writes commits together or not at all; a throw rolls it back.
 * `fn` may `await` (the SQLite engine holds its one connection for the whole
 * transaction, so keep slow non-database work such as PDF rendering
 * outside). On PostgreSQL `fn` may run more than once: a serialisation
 * failure or deadlock is retried from the start, so `fn` must not have side
 * effects outside the transaction. A transaction inside another one of the
 * same engine is an error (it would wait for itself on SQLite, and would not
 * be atomic with its outer one on PostgreSQL).
 */

export type Isolation = 'read committed' | 'repeatable read';

export interface TransactionOptions {
  /**
   * PostgreSQL: READ COMMITTED by default; REPEATABLE READ for work that must
   * see one snapshot (the post workflow with its coverage check). SQLite's
   * transactions always see one snapshot, so both are met there.
   */
  isolation?: Isolation;
}

export interface SharedRecords<Tx> {
  consents: ConsentRepository<Tx>;
  testimonials: TestimonialRepository<Tx>;
  posts: PostRepository<Tx>;
  coverage: KeptCoverageRepository<Tx>;
  patients: PatientRepository<Tx>;
  audit: AuditRepository<Tx>;
  /** The compliance program's records on the engine (the policy so far: what the post workflow's policy gate reads). */
  program: ProgramRecords<Tx>;
  /** The compliance program's incidents, post review threads, review schedules, checked replies and work queues (schema 7). */
  programIncidents: ProgramIncidentRecords<Tx>;
  /** Training, channel reviews, retention purges and the store's meta row (schema 6). */
  programReviews: ProgramReviewRecords<Tx>;
  /** What the compliance reports read (the staff activity report reads `audit`). */
  reports: ReportRecords<Tx>;
  /** What an audit export reads on its snapshot: the chosen authorizations with their PDFs and scans, the audit events of its range. */
  exports: ExportRecords<Tx>;
  /** The practice's documents: templates, scope presets, patient copies, signing certificates. */
  practice: PracticeRecords<Tx>;
  /** Staff records only (who witnessed, who recorded); settings and the keyring stay with `StaffRecords`. */
  staff: StaffRepository<Tx>;
  /** The practice's settings and keyed records (the training cycle, ...); the keyring stays with `StaffRecords`. */
  settings: SettingsRepository<Tx>;
}

/**
 * A read-only snapshot held open for long work (an audit export: minutes,
 * thousands of PDFs) without holding up the engine's transactions: `tx` is
 * a connection of its own in one read transaction, for `records` as any
 * transaction handle; writes on the engine go on and commit meanwhile, and
 * the snapshot does not see them. `release` ends it (safe to call twice).
 */
export interface EngineSnapshot<Tx> {
  readonly tx: Tx;
  release(): Promise<void>;
}

export interface StoreEngine<Tx> {
  readonly kind: 'sqlite' | 'postgres';
  readonly records: SharedRecords<Tx>;
  /** A read-only transaction: a write inside it fails. */
  read<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  write<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** An engine that can also hold a snapshot (both engines do; a test's wrapper of `StoreEngine` need not). */
export interface SnapshotStoreEngine<Tx> extends StoreEngine<Tx> {
  /**
   * SQLite: a second read-only connection of the same file in a BEGIN'd
   * read transaction (a WAL snapshot). PostgreSQL: a pooled client of its
   * own in REPEATABLE READ READ ONLY. Not inside a transaction of the engine.
   */
  snapshot(): Promise<EngineSnapshot<Tx>>;
}

/**
 * Which engine's transaction the current asynchronous work runs inside, so a
 * nested `read`/`write` is refused at once instead of waiting for itself. A
 * transaction marks itself ended, so work it started and left running does
 * not count as nested after it.
 */
export class TransactionScope {
  private readonly current = new AsyncLocalStorage<{ open: boolean }>();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const marker = { open: true };
    try {
      return await this.current.run(marker, fn);
    } finally {
      marker.open = false;
    }
  }

  refuseNested(): void {
    if (this.current.getStore()?.open) {
      throw new AppError('internal', 'A store transaction was started inside another one. Nothing was saved; this is a bug in Consent Desk.');
    }
  }
}
