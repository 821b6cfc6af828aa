import crypto from 'node:crypto';
import { documentText } from '../../../shared/authorization/document';
import type { AuthorizationDetail } from '../../../shared/authorization/record';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { PatientFields } from '../../../shared/patients';
import { signatureFixture } from './fixture-png';

type Call = <K extends CallName>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;

export const textHashOf = (detail: Pick<AuthorizationDetail, 'document'>) =>
  crypto.createHash('sha256').update(documentText(detail.document)).digest('hex');

export const samplePatient: PatientFields = {
  firstName: 'Maria',
  lastName: 'Lopez',
  dateOfBirth: '1984-05-17',
  recordNumber: 'MRN-20417',
  phone: '(555) 201-3344',
  email: 'maria.lopez@example.com',
  city: 'Springfield',
};

/** The patient's part in patient mode: what the renderer sends after the signature pad. */
export function patientSignature(detail: AuthorizationDetail, typedName: string) {
  const sig = signatureFixture();
  return {
    id: detail.id,
    typedName,
    textSha256: textHashOf(detail),
    agreedToSignElectronically: true as const,
    signaturePng: sig.dataUrl,
    strokes: sig.strokes,
    canvas: sig.canvas,
  };
}

/** Draft, patient mode, patient signature, witness: a final authorization, through the contract. */
export async function signAuthorization(
  call: Call,
  patientId: string,
  terms: AuthorizationTerms,
  signerName: string,
  witnessPassword: string,
): Promise<AuthorizationDetail> {
  const draft = await call('consents.createDraft', { patientId, terms });
  await call('consents.startPatientMode', { id: draft.id });
  const signed = await call('consents.patientSign', patientSignature(draft, signerName));
  return call('consents.witness', { id: signed.id, password: witnessPassword });
}
