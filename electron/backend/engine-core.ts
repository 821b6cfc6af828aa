import type { Day } from '../../shared/calendar';
import type { BackupResealReport } from '../../shared/compliance/backups';
import type { AppState } from '../../shared/session';
import type { Settings } from '../../shared/settings';
import type { StaffMember } from '../../shared/staff';
import type { AuditEntry } from './audit/audit-log';
import type { CheckContext } from './posts/post-checks';
import type { SnapshotStoreEngine, StoreEngine } from './store-engine/store-engine';

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
  /**
   * What a consent's change calls for in posts, not yet on the engine (the
   * posts relying on a revoked or ended consent flagged for take-down),
   * inside the same transaction `tx`: no moment exists where the consent has
   * changed but a post relying on it still stands as published.
   */
  afterConsentChange(tx: unknown, change: ConsentChange): Promise<void>;
}

export interface ConsentChange {
  consentId: string;
  /** What happened to it. */
  kind: 'revoked' | 'expiration_event';
  at: string;
}

/**
 * What the consents handlers need beyond `EngineCore`: the practice's
 * settings, this workstation, the signed-in staff member with their password
 * check, and the screen handed over to a patient (patient mode). Sessions do
 * not live in the store, so these stay the backend's on either engine.
 */
export interface ConsentCore extends EngineCore {
  readonly settings: Settings;
  readonly workstation: string;
  /** The practice's time zone. */
  readonly timeZone: string;
  /** The authorization the screen is handed over for, if any. */
  readonly patientModeFor: string | null;
  now(): Date;
  /** The practice's calendar day of a stored instant. */
  dayOfInstant(iso: string): Day;
  requireSession(): StaffMember;
  setPatientMode(authorizationId: string | null): void;
  appState(): Promise<AppState>;
  /** Check the signed-in person's password again; a wrong one is `unauthorized` (and counted, on the backend). */
  confirmPassword(staff: StaffMember, password: string, purpose: string): Promise<void>;
}

/** `EngineCore` with the signed-in staff member (sessions are the backend's on either engine): what the scope presets' and the training and quiz handlers need. */
export interface SessionCore extends EngineCore {
  requireSession(): StaffMember;
}

/**
 * What the policy handlers (the policy, its draft, acknowledgments, and
 * `program.mine`) need beyond `EngineCore`: the practice's settings (its
 * name is in the text acknowledged), this workstation, the signed-in staff
 * member with their password check, which are the backend's on either
 * engine. The training cycle is read through `records.settings`.
 */
export interface PolicyCore extends SessionCore {
  readonly settings: Settings;
  readonly workstation: string;
  now(): Date;
  /** Check the signed-in person's password again; a wrong one is `unauthorized` (and counted, on the backend). */
  confirmPassword(staff: StaffMember, password: string, purpose: string): Promise<void>;
}

/**
 * What the compliance program's status and report handlers need beyond
 * `EngineCore`: the practice's settings (its name on the report's PDF) and
 * the clock the PDF is dated and its certificate made by. `BackendCore` is
 * one; the engines test gives another.
 */
export interface ProgramCore extends EngineCore {
  readonly settings: Settings;
  now(): Date;
}

/**
 * What the settings handlers need beyond `EngineCore`: the backend's copy
 * of the settings to refresh once a change commits, and the day's sweep of
 * posts (`BackendCore.sweepExpired`: an engine write of its own, after the
 * change has committed).
 */
export interface SettingsCore extends EngineCore {
  refreshSettings(settings: Settings): void;
  /** Apply today's date to posts again (another zone or age of majority can move today or end a parent's authority). */
  sweepExpired(): Promise<void>;
}

/**
 * The staff handlers' steps on the key file, which are not in the engine's
 * `records` (the keyring stays with `StaffRecords`, and on SQLite a rotation
 * rekeys the whole file, which no transaction can hold): on the app they
 * are the `Store`'s (`storeStaffKeySteps` in `store-staff-keys.ts`:
 * `Store.setStaffSlot`, `Store.rotateDataKey`, the backups' re-sealing).
 * Each runs with no engine transaction open.
 */
export interface StaffKeySteps {
  /** Give a staff member a key slot for `password`, replacing theirs (scrypt: slow). */
  setSlot(staff: Pick<StaffMember, 'id' | 'username'>, password: string): Promise<void>;
  /** Wait a little while another process has the store open, then refuse (`conflict`, nothing changed). */
  waitForSoleUse(what: string): Promise<void>;
  /** Rotate the data key, leaving `staffId` no slot: null once done, else why it could not be (nothing rotated). */
  rotateDataKeyWithout(staffId: string): Promise<string | null>;
  /** Re-seal the backups in the backup folder to the slots that remain. */
  resealBackups(): Promise<BackupResealReport>;
}

/**
 * What the staff handlers need beyond `EngineCore`: the signed-in staff
 * member (nobody disables their own account), the practice's settings (its
 * name is no password), and the key file's steps. `BackendCore` is one; the
 * engines test gives another.
 */
export interface StaffCore extends SessionCore {
  readonly settings: Settings;
  readonly staffKeys: StaffKeySteps;
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

/**
 * What the post review handlers need beyond `EngineCore`: who writes a
 * message (the signed-in staff member). `BackendCore` is one; the engines
 * test gives another.
 */
export interface PostReviewCore extends EngineCore {
  requireSession(): Pick<StaffMember, 'id'>;
}

/**
 * What the channel reviews handlers need beyond `EngineCore`: the practice's
 * settings (its name and contact, for the reply check), what the coverage
 * check needs of today, and the signed-in staff member (who reviews, who
 * reports a reply, whether they manage the program). `BackendCore` is one;
 * the engines test gives another.
 */
export interface ChannelReviewCore extends EngineCore {
  readonly settings: Settings;
  checkContext(): CheckContext;
  requireSession(): Pick<StaffMember, 'id' | 'username' | 'role'>;
}

/**
 * What the incidents handlers need beyond `SessionCore`: the practice's
 * settings (its name and contact on the report and the letter, and the
 * certificate that signs them), the clock for the documents, and the
 * practice's day of a stored instant (a document's file name).
 * `BackendCore` is one; the engines test gives another.
 */
export interface IncidentCore extends SessionCore {
  readonly settings: Settings;
  now(): Date;
  /** The practice's calendar day of a stored instant. */
  dayOfInstant(iso: string): Day;
}

/**
 * What the compliance reports' handlers need beyond `EngineCore`: the
 * practice's settings (its name on a PDF, and the signing certificate's
 * subject if one is made), what the coverage check needs of today, and the
 * clock a PDF is dated by. `BackendCore` is one; the engines test gives
 * another.
 */
export interface ReportCore extends EngineCore {
  readonly settings: Settings;
  checkContext(): CheckContext;
  now(): Date;
}

/**
 * What the audit export's handlers need beyond `SessionCore`: an engine
 * that holds a snapshot (everything the bundle holds is read on it, on
 * either engine), the practice's settings (its name in the bundle and on
 * the certificate a first export makes), the data folder (where bundles go
 * and the intent journal that lists their temporary files), what the
 * coverage check needs of today, the clock, and which store is open (an
 * export stops when it is no longer the one it began on). `BackendCore` is
 * one; the engines test gives another.
 */
export interface ExportCore extends SessionCore {
  readonly engine: SnapshotStoreEngine<unknown>;
  readonly settings: Settings;
  readonly paths: { readonly dataDir: string };
  /** The store open now (null: none); compared by identity only. */
  readonly openStore: unknown;
  now(): Date;
  checkContext(): CheckContext;
  /** A line for the log about something that went wrong outside any call (a background export's end). */
  reportUnexpected(line: string): void;
}
