import { z } from 'zod';
import type { AuthorizationDocument } from '../authorization/document';
import {
  authorizationIdSchema,
  revocationMethods,
  type AuthorizationDetail,
  type AuthorizationSummary,
  type FilePayload,
} from '../authorization/record';
import { patientCopyMethods } from '../authorization/patient-copy';
import { authorizationTermsSchema, languages } from '../authorization/scope';
import { signatureKinds, strokesSchema } from '../authorization/signature';
import { templateTextSchema, type AuthorizationTemplate } from '../authorization/template';
import type { PracticeCertificate } from '../certificate';
import type { Page } from '../list-page';
import { consentPageInputSchema, type ConsentListRow } from '../list-rows';
import { patientFieldsSchema, patientIdSchema, patientListInputSchema, rowVersionSchema, type PatientSummary, type VersionedPatient } from '../patients';
import type { AppState } from '../session';
import { chunkInputSchema, type Chunk } from '../store-chunks';
import { call, returns } from './define';
import { noInput } from './no-input';

/** Patients, authorization wording, authorizations and the practice certificate. */
export const consentCalls = {
  'patients.search': call({
    summary: 'Find patients by name, date of birth (YYYY-MM-DD) or record number.',
    access: 'patients.read',
    input: z.object({ query: z.string().trim().max(100).default(''), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: returns<PatientSummary[]>(),
  }),
  'patients.list': call({
    summary: 'One page of patients, sorted and filtered by name (any accents, case or order), date of birth or record number, with the total.',
    access: 'patients.read',
    input: patientListInputSchema,
    output: returns<Page<PatientSummary>>(),
  }),
  'patients.get': call({
    summary: 'One patient’s details.',
    access: 'patients.read',
    input: z.object({ id: patientIdSchema }).strict(),
    output: returns<VersionedPatient>(),
  }),
  'patients.create': call({
    summary: 'Add a patient. A likely duplicate (same name words and date of birth) is refused unless allowDuplicate confirms it.',
    access: 'patients.write',
    input: patientFieldsSchema.extend({ allowDuplicate: z.boolean().default(false) }).strict(),
    output: returns<VersionedPatient>(),
  }),
  'patients.update': call({
    summary: 'Correct a patient’s details. With the rowVersion read, an edit made on an older copy is refused (conflict) rather than overwriting a newer change.',
    access: 'patients.write',
    input: patientFieldsSchema.extend({ id: patientIdSchema, rowVersion: rowVersionSchema.optional() }).strict(),
    output: returns<VersionedPatient>(),
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
  'consents.page': call({
    summary: 'One page of authorizations with the patient’s name, sorted and filtered by stage, with the total.',
    access: 'consents.read',
    input: consentPageInputSchema,
    output: returns<Page<ConsentListRow>>(),
  }),
  'consents.list': call({
    summary: 'Every authorization of every patient, with its status today (for audits and the CLI).',
    access: 'consents.read',
    input: noInput,
    output: returns<AuthorizationSummary[]>(),
  }),
  'consents.chunk': call({
    summary: 'Every authorization, oldest first, a chunk at a time after a cursor, with its status today (for whole-store commands).',
    access: 'consents.read',
    input: chunkInputSchema,
    output: returns<Chunk<AuthorizationSummary>>(),
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
    summary: 'Change a draft’s terms (only before the patient signs). With the rowVersion read, a change made on an older copy is refused (conflict).',
    access: 'consents.write',
    input: z.object({ id: authorizationIdSchema, terms: authorizationTermsSchema, rowVersion: rowVersionSchema.optional() }).strict(),
    output: returns<AuthorizationDetail>(),
  }),
  'consents.discardDraft': call({
    summary: 'Delete a draft that was never signed. With the rowVersion read, a draft changed since is not deleted (conflict).',
    access: 'consents.write',
    input: z.object({ id: authorizationIdSchema, rowVersion: rowVersionSchema.optional() }).strict(),
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
        // Room for the longest name the form allows: two names of 100 characters and the space between.
        typedName: z.string().trim().min(1, 'Type your full name.').max(256),
        /** The exact text shown, as SHA-256 hex: the signature is tied to it. */
        textSha256: z.string().regex(/^[0-9a-f]{64}$/),
        agreedToSignElectronically: z.literal(true, 'Tick the box to agree to sign electronically.'),
        signaturePng: z
          .string()
          .max(2_000_000, 'The signature image is too large.')
          .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'The signature must be a PNG image.'),
        strokes: strokesSchema,
        canvas: z.object({ width: z.number().positive().max(10_000), height: z.number().positive().max(10_000) }).strict(),
        /** Drawn on the pad; or typed: the patient cannot draw and adopts the typed name (no strokes). */
        signatureKind: z.enum(signatureKinds).default('drawn'),
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
  'consents.paperForm': call({
    summary: 'The authorization printed for a hand signature: same wording and scope, a blank signature block, its id as text and QR code.',
    access: 'consents.write',
    input: z.object({ id: authorizationIdSchema }).strict(),
    output: returns<FilePayload>(),
  }),
  'consents.recordPaperSignature': call({
    summary: 'Record a draft as signed on its printed form: the scan, the date on the paper, the signer, and staff attesting with their password.',
    access: 'consents.write',
    input: z
      .object({
        id: authorizationIdSchema,
        scan: z
          .object({
            mimeType: z.enum(['application/pdf', 'image/png', 'image/jpeg'], 'Attach the scan as a PDF, PNG or JPEG file.'),
            base64: z.string().min(1, 'Attach the scan of the signed form.').max(28_000_000, 'The scan is larger than 20 MB.'),
          })
          .strict(),
        signedOn: z.iso.date('Enter the date written on the form, such as 2026-12-01.'),
        signerName: z.string().trim().min(1, 'Enter the signer’s name as written on the form.').max(200),
        attested: z.literal(true, 'Confirm that the scan is of the original form, signed by this person.'),
        password: z.string().min(1, 'Enter your password.').max(256),
      })
      .strict(),
    output: returns<AuthorizationDetail>(),
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
  'consents.revocationScan': call({
    summary: 'The scan of a written revocation, as received (audited).',
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
  'consents.recordPatientCopy': call({
    summary: 'Record how the patient got their copy of a signed authorization: printed, saved, or declined by the patient.',
    access: 'consents.write',
    input: z.object({ id: authorizationIdSchema, method: z.enum(patientCopyMethods, 'Choose printed, saved or declined.') }).strict(),
    output: returns<AuthorizationDetail>(),
  }),
} as const;
