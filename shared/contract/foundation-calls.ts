import { z } from 'zod';
import { auditFilterSchema, type AuditPage, type ChainVerification } from '../audit';
import { lockReasons, type AppState } from '../session';
import {
  ageOfMajoritySchema,
  idleMinutesSchema,
  patientModeIdleMinutesSchema,
  practiceAddressSchema,
  practiceEmailSchema,
  practiceNameSchema,
  practicePhoneSchema,
  practiceWebsiteSchema,
  timeZoneSchema,
  type Settings,
} from '../settings';
import { displayNameSchema, passwordSchema, roleSchema, staffIdSchema, usernameSchema, type StaffMember } from '../staff';
import type { StoreCheck, StoreStatus } from '../store-status';
import type { BackupResealReport } from '../compliance/backups';
import { staffPreferencesChangeSchema, type StaffPreferences } from '../staff-preferences';
import { call, returns } from './define';
import { noInput } from './no-input';

/** Setup, sessions, staff, settings, the audit trail and the store. */
export const foundationCalls = {
  'app.state': call({
    summary: 'Which screen to show: setup, sign-in, locked or the signed-in app.',
    access: 'public',
    input: noInput,
    output: returns<AppState>(),
    patientMode: true,
  }),
  'setup.create': call({
    summary: 'First run: create the encrypted store, the practice and its first administrator.',
    access: 'public',
    input: z
      .object({
        practiceName: practiceNameSchema,
        adminUsername: usernameSchema,
        adminDisplayName: displayNameSchema,
        password: passwordSchema,
        /** The practice's time zone; the workstation's when not given. */
        timeZone: timeZoneSchema.optional(),
      })
      .strict(),
    output: returns<{ recoveryKey: string; state: AppState }>(),
  }),
  'session.signIn': call({
    summary: 'Sign in with a username and password.',
    access: 'public',
    input: z
      .object({
        username: usernameSchema,
        password: z.string().min(1, 'Enter your password.').max(256),
      })
      .strict(),
    output: returns<AppState>(),
  }),
  'session.recover': call({
    summary: 'Use the recovery key to set a new password for an administrator and sign in.',
    access: 'public',
    input: z
      .object({
        recoveryKey: z.string().trim().min(1, 'Enter the recovery key.').max(200),
        username: usernameSchema,
        newPassword: passwordSchema,
      })
      .strict(),
    output: returns<AppState>(),
  }),
  'session.lock': call({
    summary: 'Lock the app now (sent by the renderer when the idle time runs out, by the desktop shell on the OS lock screen, sleep or a window crash).',
    access: 'public',
    input: z.object({ reason: z.enum(lockReasons).default('manual') }).strict(),
    output: returns<AppState>(),
    patientMode: true,
  }),
  'session.signOut': call({
    summary: 'Sign out and forget who was signed in.',
    access: 'public',
    input: noInput,
    output: returns<AppState>(),
  }),
  'session.heartbeat': call({
    summary: 'Tell the backend that the person at the screen is active.',
    access: 'session',
    input: noInput,
    output: returns<null>(),
    patientMode: true,
  }),
  'session.changePassword': call({
    summary: 'Change your own password.',
    access: 'session',
    input: z
      .object({
        currentPassword: z.string().min(1, 'Enter your current password.').max(256),
        newPassword: passwordSchema,
      })
      .strict(),
    output: returns<null>(),
  }),
  'settings.get': call({
    summary: 'Practice settings every signed-in user needs (name, address for revocations, idle lock, time zone, age of majority, public contact details).',
    access: 'session',
    input: noInput,
    output: returns<Settings>(),
  }),
  'settings.update': call({
    summary: 'Change practice settings.',
    access: 'settings.manage',
    input: z
      .object({
        practiceName: practiceNameSchema.optional(),
        idleMinutes: idleMinutesSchema.optional(),
        patientModeIdleMinutes: patientModeIdleMinutesSchema.optional(),
        timeZone: timeZoneSchema.optional(),
        ageOfMajority: ageOfMajoritySchema.optional(),
        practiceAddress: practiceAddressSchema.optional(),
        practiceEmail: practiceEmailSchema.optional(),
        practicePhone: practicePhoneSchema.optional(),
        practiceWebsite: practiceWebsiteSchema.optional(),
      })
      .strict(),
    output: returns<Settings>(),
  }),
  'staff.list': call({
    summary: 'Every staff account, active and disabled.',
    access: 'staff.manage',
    input: noInput,
    output: returns<StaffMember[]>(),
  }),
  'staff.create': call({
    summary: 'Add a staff account with a role and a first password.',
    access: 'staff.manage',
    input: z
      .object({
        username: usernameSchema,
        displayName: displayNameSchema,
        role: roleSchema,
        password: passwordSchema,
      })
      .strict(),
    output: returns<StaffMember>(),
  }),
  'staff.update': call({
    summary: 'Change a staff member’s name or role.',
    access: 'staff.manage',
    input: z
      .object({ id: staffIdSchema, displayName: displayNameSchema.optional(), role: roleSchema.optional() })
      .strict(),
    output: returns<StaffMember>(),
  }),
  'staff.resetPassword': call({
    summary: 'Give a staff member a new password.',
    access: 'staff.manage',
    input: z.object({ id: staffIdSchema, password: passwordSchema }).strict(),
    output: returns<null>(),
  }),
  'staff.disable': call({
    summary: 'Disable an account; the data key is rotated and the backups in the backup folder re-sealed, so its password opens nothing there.',
    access: 'staff.manage',
    input: z.object({ id: staffIdSchema }).strict(),
    output: returns<StaffMember & { backups: BackupResealReport }>(),
  }),
  'staff.enable': call({
    summary: 'Enable a disabled account again, with a new password.',
    access: 'staff.manage',
    input: z.object({ id: staffIdSchema, password: passwordSchema }).strict(),
    output: returns<StaffMember>(),
  }),
  'audit.list': call({
    summary: 'Audit events, newest first, with filters.',
    access: 'audit.read',
    input: auditFilterSchema.strict(),
    output: returns<AuditPage>(),
  }),
  'audit.verify': call({
    summary: 'Walk the audit chain and name the first event that does not match.',
    access: 'audit.read',
    input: noInput,
    output: returns<ChainVerification>(),
  }),
  'session.exitPatientMode': call({
    summary: 'Take the screen back from patient mode without finishing (needs the staff password).',
    access: 'session',
    patientMode: true,
    input: z.object({ password: z.string().min(1, 'Enter your password.').max(256) }).strict(),
    output: returns<AppState>(),
  }),
  'store.status': call({
    summary: 'Schema version, record counts and the audit chain’s state.',
    access: 'store.status',
    input: noInput,
    output: returns<StoreStatus>(),
  }),
  'store.check': call({
    summary: 'Full check: every page, the audit chain, every stored PDF’s SHA-256, the key file and the rollback anchors.',
    access: 'store.status',
    input: noInput,
    output: returns<StoreCheck>(),
  }),
  'store.acceptRollback': call({
    summary: 'An administrator accepts a store older than the one last seen (a deliberate restore of a copy); audited.',
    access: 'public',
    input: z
      .object({
        username: usernameSchema,
        password: z.string().min(1, 'Enter your password.').max(256),
        reason: z.string().trim().min(3, 'Say why the older store is the right one.').max(500),
      })
      .strict(),
    output: returns<AppState>(),
  }),
  'store.newRecoveryKey': call({
    summary: 'Issue a new recovery key (shown once); the old one opens nothing any more, backups included.',
    access: 'staff.manage',
    input: z.object({ password: z.string().min(1, 'Enter your password.').max(256) }).strict(),
    output: returns<{ recoveryKey: string; backups: BackupResealReport }>(),
  }),
  'session.setPreferences': call({
    summary: 'Choose your own language (English or Spanish) and theme (system, light or dark); audited.',
    access: 'session',
    input: staffPreferencesChangeSchema,
    output: returns<StaffPreferences>(),
  }),
  'store.confirmRecoveryKey': call({
    summary: 'The administrator confirms they stored the recovery key just shown; until then the app returns to that step.',
    access: 'staff.manage',
    input: noInput,
    output: returns<AppState>(),
  }),
} as const;
