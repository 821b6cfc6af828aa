import type { RecordChange } from '../../shared/contract/contract-events';
import type { ChangeFeedLike, EventSink } from './record-change-events';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { CallSpec } from '../../shared/contract';
import { dayOf, workstationTimeZone, type Day } from '../../shared/calendar';
import { AppError } from '../../shared/errors';
import { can, permissionLabels, permissionsOf, roleLabels } from '../../shared/roles';
import type { AppNotice, AppState, LockReason } from '../../shared/session';
import { defaultIdleMinutes, defaultPatientModeIdleMinutes, practiceContactOf, type Settings } from '../../shared/settings';
import type { Language } from '../../shared/authorization/scope';
import type { StaffMember } from '../../shared/staff';
import { appendAudit, type AuditEntry } from './audit/audit-log';
import { auditSealKey, clearPendingAudit, sealPendingAudit, takePendingAudit } from './audit/pending-audit';
import { readKeyring } from './store/keyring';
import { attemptFile, type SealedAttemptStorage } from './auth/attempt-file';
import { SignInThrottle } from './auth/sign-in-throttle';
import { owaspScrypt, type ScryptParams } from './crypto/kdf';
import type { PageCheckResult } from './store/page-check';
import { storePaths, type StorePaths } from './data-dir';
import { settleCoverage } from './posts/kept-coverage';
import type { CheckContext } from './posts/post-checks';
import { CheckLimiter } from './posts/check-limiter';
import { afterConsentChangeIn, afterPatientChangeIn, applyDayIn, rederiveIfRulesChangedIn, settleCoverageIn, type PostsOnEngine } from './posts/post-checks-engine';
import { openIncidentForPostChangeIn, type PostStateChange } from './program/incident-opening';
import { disclosureRulesVersion } from './posts/rederive';
import { auditIn, type ConsentChange, type ConsentCore, type PatientChange, type SettingsCore, type StaffCore, type StaffKeySteps } from './engine-core';
import { storeStaffKeySteps } from './store-staff-keys';
import type { OpenServerStore, PracticeServerLink, ServerStoreHooks } from './practice-server';
import type { SnapshotStoreEngine } from './store-engine/store-engine';
import { listStaff } from './repositories/staff-repository';
import { readSettings } from './repositories/settings-repository';
import { Store, type Credential, type StoreOptions } from './store/store';
import type { KeySlot } from './crypto/key-slots';
import { readAnchorFile, type ExternalAnchorStore } from './store/rollback-anchor';
import { markStoreInUse, unmarkStoreInUse } from './store/store-users';
import { recoverInterruptedOperations } from './store/operation-journal';
import { alertsIn, clearAlerts, listAlerts, raiseAlert } from './store/store-alerts';
import { keyringProblems } from './store/store-check';
import { unusableStoreProblem } from './store/store-remains';
import { defaultStaffPreferences, type StaffPreferences } from '../../shared/staff-preferences';

export interface BackendOptions {
  dataDir: string;
  /** Recorded with sign-ins and signatures; defaults to the host name. */
  workstation?: string;
  /** better-sqlite3 native build for another ABI (the Electron shell passes one). */
  nativeBinding?: string;
  /** The clock; tests move it. */
  now?: () => Date;
  /**
   * Key-derivation cost for new password slots. Only tests lower it, to keep
   * suites fast; every slot records its own parameters.
   */
  kdf?: ScryptParams;
  /** How often to apply the date to posts (expiry); a minute unless a test says otherwise. */
  sweepIntervalMs?: number;
  /**
   * Read the whole data file before the store is used, refusing a damaged
   * one (one-shot commands: the CLI). Otherwise the app signs in at once and
   * reads every page in the background, showing administrators any damage.
   */
  checkPagesAtOpen?: boolean;
  /** False: no background read of every page either (a short command that reads only what it needs, see electron/cli/backend-session.ts). */
  checkPagesInBackground?: boolean;
  /** The zone a new practice starts in; the workstation's unless a test says otherwise. */
  workstationTimeZone?: string;
  /** What the sign-in screen says when this backend starts (the desktop shell restarted it after a failure). */
  startNotice?: AppNotice;
  /**
   * Where one-line reports of unexpected failures go (never data, only the
   * kind of error): stderr by default. The CLI, which prints its own one
   * line per failure, passes a function that drops them.
   */
  reportUnexpected?: (line: string) => void;
  /**
   * The shell's copy of the rollback anchor, outside the data folder (the
   * app: the OS credential store through safeStorage, or the user profile).
   * Without it only the anchor beside the database is checked.
   */
  externalAnchor?: ExternalAnchorStore;
  /** Contract events for the shell's windows (`records.changed`); without it no changes are recorded. */
  onEvent?: EventSink;
  /** The practice server's change feed (a PgChangeFeed), forwarded as `records.changed` too. */
  changeFeed?: ChangeFeedLike;
  /**
   * This workstation's store is on the practice's server (PostgreSQL), not
   * in `dataDir`: sign-in opens it through this link (practice-server.ts).
   * `dataDir` still holds what is the workstation's own (the sign-in
   * attempts).
   */
  practiceServer?: PracticeServerLink;
}

interface Session {
  staff: StaffMember;
  lastActivityMs: number;
  /** The authorization being signed while the screen is handed to a patient. */
  patientModeFor: string | null;
}

/** Patient mode interrupted by a lock: who handed the screen over, for what, and in which language the patient reads. */
interface PausedPatientMode {
  authorizationId: string;
  staffId: string;
  language: Language;
}

/**
 * The backend's state between calls: the open store, who is signed in, and
 * the sign-in throttle. Handlers receive it; the shells never see it.
 */
export class BackendCore implements ConsentCore, PostsOnEngine, SettingsCore, StaffCore {
  readonly paths: StorePaths;
  readonly workstation: string;
  readonly kdf: ScryptParams;
  readonly throttle: SignInThrottle;
  private readonly attempts: SealedAttemptStorage;
  private readonly clock: () => Date;
  private storeState: Store | null = null;
  /** The practice server's store, when this workstation's store is there (`options.practiceServer`); never both. */
  private serverState: OpenServerStore | null = null;
  private session: Session | null = null;
  private lockedUsername: string | null = null;
  private pausedPatientMode: PausedPatientMode | null = null;
  private notice: AppNotice | null;
  private settingsCache: Settings | null = null;
  private sweptDay: Day | null = null;
  /** The staff handlers' key file steps: the open Store's (the keyring is not on the engine yet). */
  readonly staffKeys: StaffKeySteps = storeStaffKeySteps(this);
  /** The background read of every page that follows each open (see page-check.ts); tests and benchmarks await it. */
  pageCheck: Promise<PageCheckResult> | null = null;
  /**
   * Checks that consult hidden fields, counted per staff member for as long
   * as the backend runs: signing out and in again does not reset them.
   */
  private readonly checkLimiters = new Map<string, CheckLimiter>();

  constructor(readonly options: BackendOptions) {
    this.paths = storePaths(options.dataDir);
    this.workstation = options.workstation ?? os.hostname();
    this.kdf = options.kdf ?? owaspScrypt;
    this.attempts = attemptFile(options.dataDir);
    this.throttle = new SignInThrottle(this.attempts);
    this.clock = options.now ?? (() => new Date());
    this.notice = options.startNotice ?? null;
    this.recoverFolder();
  }

  /** What the last recoveries put right, to be audited when the store next opens. */
  private recovered: string[] = [];

  /**
   * Roll interrupted operations of the data folder forward or back and
   * remove what they left (see operation-journal.ts). Runs when the
   * backend starts and before the store is opened or set up; never throws
   * (a folder it cannot read is reported by the call that needs it).
   */
  recoverFolder(): void {
    if (this.storeState) return;
    try {
      const report = recoverInterruptedOperations(this.paths.dataDir);
      this.recovered.push(...report.done, ...report.problems.map((p) => `not put right: ${p}`));
    } catch (error) {
      this.reportUnexpected(`consent-desk: interrupted operations could not be checked (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  now(): Date {
    return this.clock();
  }

  reportUnexpected(line: string): void {
    (this.options.reportUnexpected ?? ((text: string) => console.error(text)))(line);
  }

  /** The newest backup known to have passed its checks, for the words of a "store is damaged" error. */
  newestGoodBackup(): string | null {
    const known = this.storeState?.lastGoodBackup ?? readAnchorFile(this.paths.dataDir, null).state?.lastGoodBackup ?? null;
    return known ? `${known.file} (made ${known.createdAt})` : null;
  }

  /** Record an event while the store is closed: sealed beside it, moved into the trail when it opens. */
  auditWhileClosed(entry: Omit<AuditEntry, 'at' | 'actorId'>): void {
    const auditPublicKey = readKeyring(this.paths.keyring)?.auditPublicKey;
    if (auditPublicKey) {
      sealPendingAudit(this.paths.dataDir, auditPublicKey, { ...entry, at: this.nowIso(), actorId: null });
      this.attempts.notePendingSealed();
    }
  }

  nowIso(): string {
    return this.clock().toISOString();
  }

  /** The practice's calendar day now, in its time zone: what status and validity rules compare with. */
  today(): Day {
    return dayOf(this.clock(), this.timeZone);
  }

  /** The practice's calendar day of a stored instant. */
  dayOfInstant(iso: string): Day {
    return dayOf(new Date(iso), this.timeZone);
  }

  /** What the coverage checks need of the practice today. */
  checkContext(): CheckContext {
    const settings = this.settings;
    return { today: this.today(), timeZone: settings.timeZone, ageOfMajority: settings.ageOfMajority, practice: { name: settings.practiceName, contact: practiceContactOf(settings) } };
  }

  /** The practice's time zone (the workstation's until a store is open). */
  get timeZone(): string {
    return this.isOpen ? this.settings.timeZone : this.workstationTimeZone;
  }

  get workstationTimeZone(): string {
    return this.options.workstationTimeZone ?? workstationTimeZone();
  }

  get storeOptions(): StoreOptions {
    return {
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      ...(this.options.externalAnchor ? { externalAnchor: this.options.externalAnchor } : {}),
      ...(this.options.checkPagesAtOpen ? { checkPagesAtOpen: true } : {}),
    };
  }

  get openStore(): Store | null {
    return this.storeState;
  }

  /** The encrypted file open in the data folder: for what only the file has (its pages, backups, key file). */
  requireStore(): Store {
    if (this.serverState) {
      throw new AppError('conflict', `This is not available yet while the store is on ${this.options.practiceServer?.description ?? 'the practice server'}: it needs the store on this computer.`);
    }
    if (!this.storeState) throw new AppError('unauthorized', 'Sign in first.');
    return this.storeState;
  }

  /** A store is open: the file, or the practice server's. */
  get isOpen(): boolean {
    return this.storeState !== null || this.serverState !== null;
  }

  /** The practice server's store, when that is the one open. */
  get openServerStore(): OpenServerStore | null {
    return this.serverState;
  }

  /** The store engine over the open store, the file's (Store.engine) or the server's: what ported handlers read and write through. */
  get engine(): SnapshotStoreEngine<unknown> {
    if (this.serverState) return this.serverState.engine;
    return this.requireStore().engine;
  }

  auditActor(): { actorId: string | null; actorName: string } {
    const actor = this.session?.staff;
    return { actorId: actor?.id ?? null, actorName: actor?.username ?? 'system' };
  }

  /** What a patient's change asks of posts, in its engine transaction: the posts' engine code (post-checks-engine.ts). */
  async afterPatientChange(tx: unknown, change: PatientChange): Promise<void> {
    await afterPatientChangeIn(this, tx, change);
  }

  /** The incident a post's change calls for, opened in the change's engine transaction (incident-opening.ts). */
  async openIncidentForPostChange(tx: unknown, change: PostStateChange): Promise<void> {
    await openIncidentForPostChangeIn(this, tx, change);
  }

  /** What a consent's revocation or expiration event asks of posts, in its engine transaction: the posts' engine code. */
  async afterConsentChange(tx: unknown, change: ConsentChange): Promise<void> {
    await afterConsentChangeIn(this, tx, change);
  }

  requireSession(): StaffMember {
    if (!this.session) throw new AppError('unauthorized', 'Sign in first.');
    return this.session.staff;
  }

  /** Where the store's committed changes go (set by createBackend when the shell listens for events). */
  committedChanges: ((changes: RecordChange[]) => void) | null = null;

  /**
   * Adopt a newly opened store: move in events sealed while it was closed,
   * and settle key slots of disabled staff. Synchronous, so that first-run
   * setup can adopt inside its own write; `bringStoreToToday` follows once
   * no write is open.
   */
  adoptStore(store: Store): void {
    this.storeState = store;
    if (this.committedChanges) store.onCommittedChanges(this.committedChanges);
    // Kept coverage is settled against the settings as this transaction leaves them, not the cached copy.
    store.beforeCommit = () => {
      const settings = readSettings(store.db);
      settleCoverage(store.db, { ...this.checkContext(), today: dayOf(this.clock(), settings.timeZone), timeZone: settings.timeZone, ageOfMajority: settings.ageOfMajority });
    };
    markStoreInUse(this.paths.dataDir);
    const taken = this.takeSealedEvents(store);
    this.checkSideFiles(store, taken);
    this.auditRecovery(store);
    this.settleSlots();
    this.checkKeyring(store);
    this.settingsCache = readSettings(store.db);
    this.sweptDay = null;
    if (!this.options.checkPagesAtOpen && this.options.checkPagesInBackground !== false) this.checkPagesInBackground(store);
  }

  /**
   * Adopt the practice server's store, opened with a staff member's
   * credential: the settings read through its engine. What the file's
   * adoption checks beside the file (pending events, side files, the key
   * file, every page) has no counterpart on the server; the server's own
   * checks (its schema's version, its audit head against this
   * workstation's memory) ran when it opened.
   */
  async adoptServerStore(server: OpenServerStore): Promise<void> {
    this.storeState?.close();
    this.storeState = null;
    this.serverState = server;
    this.settingsCache = await server.engine.read((tx) => server.engine.records.settings.readSettings(tx));
    this.sweptDay = null;
    this.unfollowServer = server.changeFeed && this.followServerFeed ? this.followServerFeed(server.changeFeed) : null;
  }

  /** What every write on a practice server's engine ends with: the stale verdicts settled against the settings as the write leaves them. */
  readonly serverHooks: ServerStoreHooks = {
    beforeCommit: async (tx, records) => {
      const settings = await records.settings.readSettings(tx);
      await settleCoverageIn(records, tx, { ...this.checkContext(), today: dayOf(this.clock(), settings.timeZone), timeZone: settings.timeZone, ageOfMajority: settings.ageOfMajority });
    },
  };

  /** Where the server's change feed goes (set by createBackend when the shell listens for events). */
  followServerFeed: ((feed: ChangeFeedLike) => () => void) | null = null;
  private unfollowServer: (() => void) | null = null;

  /** Give a staff member a key slot for `password` in the open store (file or server), replacing theirs. */
  setStaffSlot(staffId: string, username: string, password: string): Promise<void> {
    return this.serverState ? this.serverState.setStaffSlot(staffId, username, password, this.kdf) : this.requireStore().setStaffSlot(staffId, username, password, this.kdf);
  }

  /**
   * The key slot `credential` opens in the store that is open (the file's
   * key file, or the server's slots), or null: a password checked again,
   * or a sign-in while the store is already open on this workstation.
   */
  async slotOpeningOpenStore(credential: Credential): Promise<KeySlot | null> {
    const server = this.serverState;
    const candidates = server ? await server.unlock(credential) : await Store.unlock(this.paths, credential);
    const holder = server ?? this.requireStore();
    return candidates.find((c) => holder.holdsKey(c.dataKey))?.slot ?? null;
  }

  /**
   * Every page of the file read after the store opens, in slices that never
   * hold the backend long; damage is audited and shown to administrators,
   * naming the newest good backup, instead of keeping everyone from signing
   * in while a whole-file check ran.
   */
  private checkPagesInBackground(store: Store): void {
    const check = store.checkPagesInBackground();
    this.pageCheck = check.done.then((result) => {
      if (result.problem && this.storeState === store && store.db.open) {
        const backup = this.newestGoodBackup();
        const message = `The data file is damaged (${result.problem}). Restore it from ${backup ? `the newest good backup, ${backup}` : 'a backup'} before working on.`;
        const at = this.nowIso();
        try {
          store.write(() => {
            appendAudit(store.db, { at, actorId: null, actorName: 'system', action: 'store.problem_found', detail: message.slice(0, 2000) });
            raiseAlert(store.db, { kind: 'check_failed', at, message });
          });
        } catch {
          // The damaged part may be what the write needs: the next call that touches it reports the damage itself.
        }
      }
      return result;
    });
  }

  /**
   * Apply today's date to posts: the posts whose kept verdict the date can
   * change by today (an index on the day each verdict can next change) are
   * judged again, and approved or published ones their consent no longer
   * covers go back to draft or must come down (a partial index). Runs when
   * the store opens and on the backend's clock; it reads only those posts,
   * never the whole store.
   */
  async sweepExpired(): Promise<void> {
    if (!this.isOpen) return;
    const today = this.today();
    await this.engine.write((tx) => applyDayIn(this, tx, this.nowIso()));
    this.sweptDay = today;
  }

  /** Sweep at the first call of a new day too, so a date never waits for the timer. */
  async sweepIfNewDay(): Promise<void> {
    if (this.isOpen && this.sweptDay !== this.today()) await this.sweepExpired();
  }

  /**
   * What a store just adopted needs before anyone works on it, each in an
   * engine write of its own: the posts' disclosures derived again if the
   * rules are newer than the store's last derivation, then today applied to
   * posts.
   */
  async bringStoreToToday(): Promise<void> {
    const { engine } = this;
    const ctx = this.checkContext();
    await engine.write((tx) => rederiveIfRulesChangedIn(engine.records, tx, ctx, disclosureRulesVersion));
    await this.sweepExpired();
  }

  private auditRecovery(store: Store): void {
    if (this.recovered.length === 0) return;
    const lines = this.recovered.splice(0);
    const at = this.nowIso();
    store.write(() => {
      appendAudit(store.db, { at, actorId: null, actorName: 'system', action: 'store.recovered', detail: lines.join('; ').slice(0, 2000) });
      raiseAlert(store.db, { kind: 'recovered', at, message: `Consent Desk put right what an interrupted operation left: ${lines.join('; ')}.` });
    });
  }

  /**
   * The files beside the store that are written while it is closed (the
   * sign-in attempts, the sealed pending events) against what the store
   * last saw of them: deleted, edited or older files are audited and shown
   * to administrators. Deleting them used to reset the sign-in throttle and
   * erase failed sign-ins without a trace.
   */
  private checkSideFiles(store: Store, pendingTaken: number): void {
    const key = 'sideFilesSeen';
    const seen = (() => {
      const row = store.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
      try {
        return row ? (JSON.parse(row) as { generation: number; pendingSealed: number }) : null;
      } catch {
        return null;
      }
    })();
    const now = this.attempts.inspect();
    const problems: string[] = [];
    if (seen && seen.generation > 0 && !now.present) problems.push('the sign-in attempts file (sign-in-attempts.json) was deleted: failed sign-ins counted before were forgotten');
    else if (now.present && !now.valid) problems.push('the sign-in attempts file (sign-in-attempts.json) was changed outside Consent Desk: its seal does not match');
    else if (seen && now.valid && now.generation < seen.generation) problems.push('the sign-in attempts file (sign-in-attempts.json) was replaced by an older copy');
    const expectedPending = now.valid ? now.pendingSealed - (seen?.pendingSealed ?? now.pendingSealed) : 0;
    const missingPending = Math.max(0, expectedPending - pendingTaken);
    const at = this.nowIso();
    store.write(() => {
      for (const problem of problems) {
        appendAudit(store.db, { at, actorId: null, actorName: 'system', action: 'session.attempts_tampered', detail: problem });
      }
      if (missingPending > 0) {
        appendAudit(store.db, {
          at,
          actorId: null,
          actorName: 'system',
          action: 'audit.pending_missing',
          detail: `${missingPending} event(s) sealed beside the store while it was closed (failed sign-ins and the like) are missing: pending-audit.jsonl was deleted or cut`,
        });
        problems.push(`${missingPending} event(s) recorded while the store was closed were deleted before they reached the audit trail`);
      }
      if (problems.length) raiseAlert(store.db, { kind: 'tampering', at, message: `Files beside the store were tampered with: ${problems.join('; ')}. See the audit trail.` });
      const record = { generation: now.valid ? now.generation : 0, pendingSealed: now.valid ? now.pendingSealed : 0 };
      store.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(record));
    });
  }

  /** Move the events sealed while the store was closed into the trail; returns how many lines were there. */
  private takeSealedEvents(store: Store): number {
    const seal = store.write(() => auditSealKey(store.db, store.keyring.auditPublicKey));
    if (seal.created) {
      store.setAuditPublicKey(seal.publicKey);
      return 0;
    }
    const { entries, unreadable } = takePendingAudit(this.paths.dataDir, seal.publicKey, seal.privateDer);
    if (entries.length === 0 && unreadable === 0) return 0;
    store.write(() => {
      for (const entry of entries) appendAudit(store.db, entry);
      if (unreadable) {
        appendAudit(store.db, {
          at: this.nowIso(),
          actorId: null,
          actorName: 'system',
          action: 'audit.pending_unreadable',
          detail: `${unreadable} sealed event(s) beside the store could not be opened: altered or from another store`,
        });
      }
    });
    clearPendingAudit(this.paths.dataDir);
    return entries.length + unreadable;
  }

  /**
   * A disable interrupted before its key rotation leaves a slot for a
   * disabled account: finish the rotation now.
   */
  private settleSlots(): void {
    const store = this.requireStore();
    const active = new Set(listStaff(store.db).filter((s) => s.status === 'active').map((s) => s.id));
    const stale = store.keyring.slots.filter((slot) => slot.staffId !== null && !active.has(slot.staffId));
    if (stale.length === 0) return;
    store.rotateDataKey((slot) => slot.staffId === null || active.has(slot.staffId));
    store.write(() =>
      appendAudit(store.db, {
        at: this.nowIso(),
        actorId: null,
        actorName: 'system',
        action: 'store.key_rotated',
        detail: `removed ${stale.length} key slot(s) of disabled accounts`,
      }),
    );
  }

  /**
   * The key file against the staff table, at every open: a recovery slot
   * removed by hand (the recovery key then opens nothing) went unnoticed.
   * Audited once per new finding and shown to administrators until fixed.
   */
  private checkKeyring(store: Store): void {
    const problems = keyringProblems(store.db, store.keyring);
    const message = problems.length ? `The key file needs attention: ${problems.join('; ')}.` : null;
    const current = listAlerts(store.db).find((a) => a.kind === 'keyring')?.message ?? null;
    if (message === current) return;
    store.write(() => {
      if (!message) return clearAlerts(store.db, ['keyring']);
      appendAudit(store.db, { at: this.nowIso(), actorId: null, actorName: 'system', action: 'store.problem_found', detail: message });
      raiseAlert(store.db, { kind: 'keyring', at: this.nowIso(), message });
    });
  }

  /** Append an audit event by the signed-in staff member (or `system`); call inside `store.write`. */
  audit(entry: Omit<AuditEntry, 'at' | 'actorId' | 'actorName'> & Partial<Pick<AuditEntry, 'actorId' | 'actorName'>>): void {
    const store = this.requireStore();
    const actor = this.session?.staff;
    appendAudit(store.db, {
      at: this.nowIso(),
      actorId: entry.actorId !== undefined ? entry.actorId : (actor?.id ?? null),
      actorName: entry.actorName ?? actor?.username ?? 'system',
      ...entry,
    });
  }

  async recordFailedSignIn(username: string, detail: string): Promise<void> {
    this.throttle.fail(username, this.now().getTime());
    const entry: AuditEntry = {
      at: this.nowIso(),
      actorId: null,
      actorName: username,
      action: 'session.sign_in_failed',
      detail: `${detail}; workstation ${this.workstation}`,
    };
    if (this.isOpen) {
      await this.engine.write((tx) => this.engine.records.audit.appendAudit(tx, entry));
      return;
    }
    const auditPublicKey = readKeyring(this.paths.keyring)?.auditPublicKey;
    if (auditPublicKey) {
      sealPendingAudit(this.paths.dataDir, auditPublicKey, entry);
      this.attempts.notePendingSealed();
    }
  }

  async startSession(staff: StaffMember, how: string): Promise<void> {
    const paused = this.pausedPatientMode;
    this.pausedPatientMode = null;
    this.session = { staff, lastActivityMs: this.now().getTime(), patientModeFor: null };
    this.lockedUsername = null;
    this.notice = null;
    this.throttle.succeed(staff.username);
    await this.engine.write((tx) =>
      auditIn(this, tx, { action: 'session.signed_in', subjectType: 'staff', subjectId: staff.id, detail: `${how}; workstation ${this.workstation}` }),
    );
    if (paused) await this.resumePatientMode(paused, staff);
  }

  /**
   * After a lock in patient mode, the staff member who handed the screen
   * over returns to it where it was, if the authorization still awaits the
   * patient or the witness. Anyone else signing in ends it (audited): they
   * did not hand this patient the screen.
   */
  private async resumePatientMode(paused: PausedPatientMode, staff: StaffMember): Promise<void> {
    const { consents } = this.engine.records;
    // The check and its event in one write: a witness on another workstation cannot slip between them.
    const resumable = await this.engine.write(async (tx) => {
      const record = await consents.getAuthorization(tx, paused.authorizationId);
      const resumable = record !== undefined && record.stage !== 'final' && paused.staffId === staff.id && can(staff.role, 'consents.write');
      await auditIn(this, tx, {
        action: resumable ? 'consent.patient_mode_resumed' : 'consent.patient_mode_left',
        subjectType: 'authorization',
        subjectId: paused.authorizationId,
        detail: resumable ? 'after the screen paused' : 'the screen paused and another staff member signed in',
      });
      return resumable;
    });
    if (resumable) this.session!.patientModeFor = paused.authorizationId;
  }

  async lock(reason: LockReason): Promise<void> {
    const staff = this.session?.staff;
    if (!staff || !this.isOpen) return;
    if (reason === 'system') this.notice = 'locked_by_system';
    if (reason === 'window') this.notice = 'window_recovered';
    const handedOverId = this.session?.patientModeFor ?? null;
    // The session ends before the write: a lock never waits on the store to take effect.
    this.session = null;
    this.lockedUsername = staff.username;
    const { consents } = this.engine.records;
    const handedOver = await this.engine.write(async (tx) => {
      const record = handedOverId ? await consents.getAuthorization(tx, handedOverId) : undefined;
      const by = { actorId: staff.id, actorName: staff.username };
      await auditIn(this, tx, { ...by, action: 'session.locked', subjectType: 'staff', subjectId: staff.id, detail: reason });
      if (record) await auditIn(this, tx, { ...by, action: 'consent.patient_mode_paused', subjectType: 'authorization', subjectId: record.id, detail: reason });
      return record;
    });
    this.pausedPatientMode = handedOver ? { authorizationId: handedOver.id, staffId: staff.id, language: handedOver.terms.language } : null;
  }

  /** End the session and close the store: the data key leaves memory until the next sign-in. */
  async signOut(): Promise<void> {
    const staff = this.session?.staff;
    this.session = null;
    this.pausedPatientMode = null;
    this.lockedUsername = null;
    try {
      if (staff && this.isOpen) {
        await this.engine.write((tx) =>
          auditIn(this, tx, { actorId: staff.id, actorName: staff.username, action: 'session.signed_out', subjectType: 'staff', subjectId: staff.id }),
        );
      }
    } finally {
      this.closeStore();
    }
  }

  refreshSettings(settings: Settings): void {
    this.settingsCache = settings;
  }

  get settings(): Settings {
    return this.settingsCache ?? readSettings(this.requireStore().db);
  }

  /**
   * Count one check that consults hidden fields against this session's
   * allowance; refuse (and audit the refusal once) when it is used up.
   */
  async takeCheck(): Promise<void> {
    const staff = this.requireSession();
    let limiter = this.checkLimiters.get(staff.id);
    if (!limiter) this.checkLimiters.set(staff.id, (limiter = new CheckLimiter()));
    const nowMs = this.now().getTime();
    if (limiter.take(nowMs)) return;
    await this.engine.write((tx) => auditIn(this, tx, { action: 'post.check_limited', detail: 'check allowance of this session used up' }));
    throw new AppError(
      'throttled',
      `Too many checks in a short time. Wait ${limiter.minutesToWait(nowMs)} minute(s) and try again: the limit protects patients’ details.`,
    );
  }

  /** The authorization the screen is handed over for, if any. */
  get patientModeFor(): string | null {
    return this.session?.patientModeFor ?? null;
  }

  setPatientMode(authorizationId: string | null): void {
    if (this.session) this.session.patientModeFor = authorizationId;
  }

  /**
   * Check a signed-in person's password again (witnessing, leaving patient
   * mode, changing a password). Failures count towards the throttle and are
   * audited like failed sign-ins.
   */
  async confirmPassword(staff: StaffMember, password: string, purpose: string): Promise<void> {
    this.throttle.check(staff.username, this.now().getTime());
    const slot = await this.slotOpeningOpenStore({ username: staff.username, password });
    if (slot?.staffId !== staff.id) {
      await this.recordFailedSignIn(staff.username, `wrong password when ${purpose}`);
      throw new AppError('unauthorized', 'That password is not right.', {
        issues: [{ path: 'password', message: 'Enter the password of the staff member signed in.' }],
      });
    }
    this.throttle.succeed(staff.username);
  }

  /**
   * Check that the caller may make a call with this access: signed in, not
   * idle past the lock time, still active, and with the permission. Every
   * non-public call passes here before its handler runs.
   */
  async authorize(spec: Pick<CallSpec, 'access' | 'patientMode'>): Promise<void> {
    if (this.session?.patientModeFor && !spec.patientMode) {
      throw new AppError('forbidden', 'The screen is handed to a patient. Staff: confirm with your password to leave patient mode.');
    }
    const { access } = spec;
    if (access === 'public') return;
    if (!this.session) {
      if (this.lockedUsername) throw lockedError();
      throw new AppError('unauthorized', 'Sign in first.');
    }
    const nowMs = this.now().getTime();
    const idleMinutes = this.session.patientModeFor
      ? (this.settingsCache?.patientModeIdleMinutes ?? defaultPatientModeIdleMinutes)
      : (this.settingsCache?.idleMinutes ?? defaultIdleMinutes);
    const idleMs = idleMinutes * 60_000;
    if (nowMs - this.session.lastActivityMs >= idleMs) {
      await this.lock('idle');
      throw lockedError();
    }
    const id = this.session.staff.id;
    const staff = await this.engine.read((tx) => this.engine.records.staff.getStaffById(tx, id));
    if (!staff || staff.status !== 'active') {
      this.session = null;
      throw new AppError('unauthorized', 'Your account is disabled. Ask an administrator.');
    }
    this.session = { ...this.session, staff, lastActivityMs: nowMs };
    if (access !== 'session' && !can(staff.role, access)) {
      await this.engine.write((tx) => auditIn(this, tx, { action: 'access.denied', detail: access }));
      throw new AppError(
        'forbidden',
        `Your role (${roleLabels[staff.role]}) does not allow you to ${permissionLabels[access]}.`,
      );
    }
  }

  /**
   * A call that passed `authorize` has ended: the person was waiting on it,
   * not idle. Without this, a call longer than the idle time (an export's
   * preparation at 100k authorizations) left the next call, its first
   * progress check, to find the session locked.
   */
  noteCallEnded(): void {
    if (this.session) this.session = { ...this.session, lastActivityMs: this.now().getTime() };
  }

  async appState(): Promise<AppState> {
    const server = this.options.practiceServer;
    const hasStore = this.isOpen || (server ? await server.holdsStore() : fs.existsSync(this.paths.keyring));
    const problem = hasStore || server ? null : unusableStoreProblem(this.paths);
    const staff = this.session?.staff ?? null;
    // What the store says about the signed-in person, in one read.
    const fromStore = staff && this.isOpen ? await this.engine.read((tx) => this.sessionFacts(tx, staff)) : null;
    return {
      phase: !hasStore ? (problem ? 'unusable' : 'setup') : staff ? 'active' : this.lockedUsername ? 'locked' : 'signed_out',
      problem,
      alerts: fromStore?.alerts ?? [],
      recoveryKeyUnconfirmed: fromStore?.recoveryKeyUnconfirmed ?? false,
      session: staff
        ? {
            staffId: staff.id,
            username: staff.username,
            displayName: staff.displayName,
            role: staff.role,
            permissions: permissionsOf(staff.role),
            preferences: fromStore?.preferences ?? defaultStaffPreferences,
          }
        : null,
      idleMinutes: this.isOpen ? (this.settingsCache?.idleMinutes ?? null) : null,
      patientModeIdleMinutes: this.isOpen ? (this.settingsCache?.patientModeIdleMinutes ?? null) : null,
      practiceName: this.isOpen ? (this.settingsCache?.practiceName ?? null) : null,
      timeZone: this.isOpen ? (this.settingsCache?.timeZone ?? null) : null,
      lockedUsername: this.lockedUsername,
      patientMode: fromStore?.patientMode ?? null,
      pausedPatientMode: !staff && this.pausedPatientMode ? { language: this.pausedPatientMode.language } : null,
      notice: staff ? null : this.notice,
    };
  }

  /** The store's part of the screen's state for the signed-in person: alerts (administrators), the recovery key's step, preferences, the screen handed over. */
  private async sessionFacts(tx: unknown, staff: StaffMember): Promise<Pick<AppState, 'alerts' | 'recoveryKeyUnconfirmed' | 'patientMode'> & { preferences: StaffPreferences }> {
    const { settings, consents } = this.engine.records;
    const handedOverId = this.session?.patientModeFor ?? null;
    // The language the patient reads is the authorization's.
    const handedOver = handedOverId ? await consents.getAuthorization(tx, handedOverId) : undefined;
    return {
      alerts: staff.role === 'admin' ? await alertsIn(settings, tx) : [],
      recoveryKeyUnconfirmed: can(staff.role, 'staff.manage') && (await settings.recoveryKeyUnconfirmed(tx)),
      preferences: await settings.readStaffPreferences(tx, staff.id),
      patientMode: handedOverId ? { authorizationId: handedOverId, language: handedOver?.terms.language ?? 'en' } : null,
    };
  }

  newId(): string {
    return crypto.randomUUID();
  }

  closeStore(): void {
    if (this.storeState) unmarkStoreInUse(this.paths.dataDir);
    this.storeState?.close();
    this.storeState = null;
    const server = this.serverState;
    this.serverState = null;
    this.unfollowServer?.();
    this.unfollowServer = null;
    // Its connections end in the background: nothing waits on a server that no longer answers.
    if (server) void server.close().catch(() => undefined);
    this.settingsCache = null;
    this.sweptDay = null;
  }
}

function lockedError(): AppError {
  return new AppError('locked', 'Consent Desk is locked. Sign in to continue.');
}
