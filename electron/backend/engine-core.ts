import type { Day } from '../../shared/calendar';
import type { AuditEntry } from './audit/audit-log';
import type { StoreEngine } from './store-engine/store-engine';

/**
 * What a handler ported onto the store engine needs of the backend (issue
 * 15, switch-over step 3): the engine and its records, the clock, ids, who is
 * acting, and the work of features not yet ported. No `db`: the same handler
 * runs on the encrypted SQLite file and on PostgreSQL. `BackendCore` is one;
 * a test may provide another (on PostgreSQL, where staff and sessions do not
 * live yet, with the signed-in actor given directly).
 */
export interface EngineCore {
  readonly engine: StoreEngine<unknown>;
  today(): Day;
  /** The practice's time zone: the day of a stored instant (a signing, a revocation) is its day there. */
  readonly timeZone: string;
  nowIso(): string;
  newId(): string;
  /** Who audit events name: the signed-in staff member, or `system`. */
  auditActor(): Pick<AuditEntry, 'actorId' | 'actorName'>;
  /**
   * What a patient's change calls for in features not yet on the engine
   * (posts: disclosures derived again, posts the change left uncovered taken
   * down), inside the same transaction `tx`.
   */
  afterPatientChange(tx: unknown, change: PatientChange): Promise<void>;
}

export interface PatientChange {
  patientId: string;
  /** The fields that changed (names, not values). */
  changed: readonly string[];
  at: string;
}

export type AuditInput = Omit<AuditEntry, 'at' | 'actorId' | 'actorName'> & Partial<Pick<AuditEntry, 'actorId' | 'actorName'>>;

/** Append an audit event by the acting staff member (or `system`) inside the engine transaction `tx` of the change it records. */
export async function auditIn(core: EngineCore, tx: unknown, entry: AuditInput): Promise<void> {
  const actor = core.auditActor();
  await core.engine.records.audit.appendAudit(tx, {
    at: core.nowIso(),
    ...entry,
    actorId: entry.actorId !== undefined ? entry.actorId : actor.actorId,
    actorName: entry.actorName ?? actor.actorName,
  });
}
