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
import { patientFieldsSchema, patientIdSchema, type Patient, type PatientSummary } from './patients';
import { authorizationTermsSchema, languages } from './authorization/scope';
import { strokesSchema } from './authorization/signature';
import { templateTextSchema, type AuthorizationTemplate } from './authorization/template';
import type { AuthorizationDocument } from './authorization/document';
import {
  authorizationIdSchema,
  revocationMethods,
  type AuthorizationDetail,
  type AuthorizationSummary,
  type FilePayload,
} from './authorization/record';
import type { PracticeCertificate } from './certificate';

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
  /**
   * Callable while the screen is handed to a patient. In patient mode the
   * backend refuses every other call, so the kiosk holds even if the
   * renderer were tricked into calling something else.
   */
  patientMode?: true;
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
  'patients.search': call({
    summary: 'Find patients by name, date of birth (YYYY-MM-DD) or record number.',
    access: 'patients.read',
    input: z.object({ query: z.string().trim().max(100).default(''), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: returns<PatientSummary[]>(),
  }),
  'patients.get': call({
    summary: 'One patient’s details.',
    access: 'patients.read',
    input: z.object({ id: patientIdSchema }).strict(),
    output: returns<Patient>(),
  }),
  'patients.create': call({
    summary: 'Add a patient.',
    access: 'patients.write',
    input: patientFieldsSchema,
    output: returns<Patient>(),
  }),
  'patients.update': call({
    summary: 'Correct a patient’s details.',
    access: 'patients.write',
    input: patientFieldsSchema.extend({ id: patientIdSchema }).strict(),
    output: returns<Patient>(),
  }),
  'templates.list': call({
    summary: 'Every version of the authorization wording, per language.',
    access: 'consents.read',
    input: noInput,
    output: returns<AuthorizationTemplate[]>(),
  }),
  'templates.publish': call({
    summary: 'Publish new wording as the next version for a language; it becomes the active one.',
    access: 'settings.manage',
    input: z.object({ language: z.enum(languages), text: templateTextSchema }).strict(),
    output: returns<AuthorizationTemplate>(),
  }),
  'consents.listForPatient': call({
    summary: 'Every authorization of one patient, with its status today.',
    access: 'consents.read',
    input: z.object({ patientId: patientIdSchema }).strict(),
    output: returns<AuthorizationSummary[]>(),
  }),
  'consents.get': call({
    summary: 'One authorization: terms, document as shown, evidence and revocation.',
    access: 'consents.read',
    input: z.object({ id: authorizationIdSchema }).strict(),
    output: returns<AuthorizationDetail>(),
    patientMode: true,
  }),
  'consents.preview': call({
    summary: 'The document that terms would produce for a patient, before anything is saved.',
    access: 'consents.read',
    input: z.object({ patientId: patientIdSchema, terms: authorizationTermsSchema }).strict(),
    output: returns<{ document: AuthorizationDocument; problems: AuthorizationDetail['problems'] }>(),
  }),
  'consents.createDraft': call({
    summary: 'Prepare a new authorization for a patient.',
    access: 'consents.write',
    input: z.object({ patientId: patientIdSchema, terms: authorizationTermsSchema }).strict(),
    output: returns<AuthorizationDetail>(),
  }),
  'consents.updateDraft': call({
    summary: 'Change a draft’s terms (only before the patient signs).',
    access: 'consents.write',
    input: z.object({ id: authorizationIdSchema, terms: authorizationTermsSchema }).strict(),
    output: returns<AuthorizationDetail>(),
  }),
  'consents.discardDraft': call({
    summary: 'Delete a draft that was never signed.',
    access: 'consents.write',
    input: z.object({ id: authorizationIdSchema }).strict(),
    output: returns<null>(),
  }),
  'consents.startPatientMode': call({
    summary: 'Hand the screen to the patient to read and sign a complete draft.',
    access: 'consents.write',
    input: z.object({ id: authorizationIdSchema }).strict(),
    output: returns<AppState>(),
  }),
  'consents.patientSign': call({
    summary: 'The patient’s signature on the document shown in patient mode.',
    access: 'consents.write',
    patientMode: true,
    input: z
      .object({
        id: authorizationIdSchema,
        typedName: z.string().trim().min(1, 'Type your full name.').max(200),
        /** The exact text shown, as SHA-256 hex: the signature is tied to it. */
        textSha256: z.string().regex(/^[0-9a-f]{64}$/),
        agreedToSignElectronically: z.literal(true, 'Tick the box to agree to sign electronically.'),
        signaturePng: z
          .string()
          .max(2_000_000, 'The signature image is too large.')
          .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'The signature must be a PNG image.'),
        strokes: strokesSchema,
        canvas: z.object({ width: z.number().positive().max(10_000), height: z.number().positive().max(10_000) }).strict(),
      })
      .strict(),
    output: returns<AuthorizationDetail>(),
  }),
  'consents.witness': call({
    summary: 'Staff confirm as witness with their password; the authorization becomes final and its PDF is signed.',
    access: 'consents.write',
    patientMode: true,
    input: z.object({ id: authorizationIdSchema, password: z.string().min(1, 'Enter your password.').max(256) }).strict(),
    output: returns<AuthorizationDetail>(),
  }),
  'session.exitPatientMode': call({
    summary: 'Take the screen back from patient mode without finishing (needs the staff password).',
    access: 'session',
    patientMode: true,
    input: z.object({ password: z.string().min(1, 'Enter your password.').max(256) }).strict(),
    output: returns<AppState>(),
  }),
  'consents.pdf': call({
    summary: 'The signed PDF of a final authorization, exactly as stored.',
    access: 'consents.read',
    input: z.object({ id: authorizationIdSchema }).strict(),
    output: returns<FilePayload>(),
  }),
  'consents.revoke': call({
    summary: 'Record a written revocation; produces the acknowledgment PDF.',
    access: 'consents.write',
    input: z
      .object({
        id: authorizationIdSchema,
        receivedOn: z.iso.date('Use a date such as 2026-12-01.'),
        method: z.enum(revocationMethods, 'Choose how the revocation arrived.'),
        note: z.string().trim().max(1000).default(''),
        scan: z
          .object({
            mimeType: z.enum(['application/pdf', 'image/png', 'image/jpeg'], 'Attach a PDF, PNG or JPEG scan.'),
            base64: z.string().max(28_000_000, 'The scan is larger than 20 MB.'),
          })
          .strict()
          .nullable()
          .default(null),
      })
      .strict(),
    output: returns<AuthorizationDetail>(),
  }),
  'consents.revocationPdf': call({
    summary: 'The revocation acknowledgment PDF of a revoked authorization.',
    access: 'consents.read',
    input: z.object({ id: authorizationIdSchema }).strict(),
    output: returns<FilePayload>(),
  }),
  'consents.recordExpirationEvent': call({
    summary: 'Record that the event ending an authorization has happened.',
    access: 'consents.write',
    input: z.object({ id: authorizationIdSchema, occurredOn: z.iso.date('Use a date such as 2026-12-01.') }).strict(),
    output: returns<AuthorizationDetail>(),
  }),
  'certificate.get': call({
    summary: 'The practice certificate that signs PDFs.',
    access: 'settings.manage',
    input: noInput,
    output: returns<PracticeCertificate>(),
  }),
  'certificate.import': call({
    summary: 'Use the practice’s own certificate (.p12) to sign PDFs from now on.',
    access: 'settings.manage',
    input: z
      .object({
        p12Base64: z.string().min(1, 'Choose a .p12 file.').max(1_000_000, 'That file is too large for a certificate.'),
        passphrase: z.string().max(256),
      })
      .strict(),
    output: returns<PracticeCertificate>(),
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
