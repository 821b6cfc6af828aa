import { z } from 'zod';
import { auditFilterSchema, type AuditPage, type ChainVerification } from './audit';
import type { Permission } from './roles';
import type { AppState } from './session';
import { idleMinutesSchema, practiceNameSchema, type Settings } from './settings';
import {
  displayNameSchema,
  passwordSchema,
  roleSchema,
  staffIdSchema,
  usernameSchema,
  type StaffMember,
} from './staff';
import type { StoreStatus } from './store-status';

/**
 * The contract: every call from the renderer to the backend, declared once.
 * The preload bridge, the Electron IPC handlers, the development host and the
 * CLI are all derived from this object, and the backend validates every input
 * against `input` before a handler sees it.
 *
 * `access` says who may call:
 * - `public`: no session needed (setup, sign-in, lock);
 * - `session`: any signed-in staff member;
 * - a permission from the role table.
 */
export type Access = 'public' | 'session' | Permission;

declare const outputType: unique symbol;
/** A phantom marker carrying a call's output type; it holds no value. */
export type Returns<T> = { readonly [outputType]?: T };
export function returns<T>(): Returns<T> {
  return {};
}

export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output: Returns<O>;
  access: Access;
  /** One line for people reading the contract (and the CLI's help). */
  summary: string;
}

function call<I extends z.ZodType, O>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

const noInput = z.object({}).strict();

export const contract = {
  'app.state': call({
    summary: 'Which screen to show: setup, sign-in, locked or the signed-in app.',
    access: 'public',
    input: noInput,
    output: returns<AppState>(),
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
    summary: 'Lock the app now (also sent by the renderer when the idle time runs out).',
    access: 'public',
    input: z.object({ reason: z.enum(['idle', 'manual']).default('manual') }).strict(),
    output: returns<AppState>(),
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
    summary: 'Practice settings every signed-in user needs (name, idle lock).',
    access: 'session',
    input: noInput,
    output: returns<Settings>(),
  }),
  'settings.update': call({
    summary: 'Change practice settings.',
    access: 'settings.manage',
    input: z
      .object({ practiceName: practiceNameSchema.optional(), idleMinutes: idleMinutesSchema.optional() })
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
    summary: 'Disable an account; the data key is rotated so its password opens nothing.',
    access: 'staff.manage',
    input: z.object({ id: staffIdSchema }).strict(),
    output: returns<StaffMember>(),
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
  'store.status': call({
    summary: 'Schema version, record counts and the audit chain’s state.',
    access: 'store.status',
    input: noInput,
    output: returns<StoreStatus>(),
  }),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Contract[K]['output'] extends Returns<infer O> ? O : never;

export const callNames = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
