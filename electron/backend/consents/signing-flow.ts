import crypto from 'node:crypto';
import { documentText } from '../../../shared/authorization/document';
import type { AuthorizationDetail } from '../../../shared/authorization/record';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import { drawnSignature, type DrawnSignature } from './sample-signature';

/** A typed contract caller: a test backend's `call`, or `(name, input) => api[name](input)`. */
export type Call = <K extends CallName>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;

/** The SHA-256 of the document's text, as patient mode computes it before signing. */
export const textHashOf = (detail: Pick<AuthorizationDetail, 'document'>) =>
  crypto.createHash('sha256').update(documentText(detail.document)).digest('hex');

/** The patient's part in patient mode: what the renderer sends after the signature pad. */
export function patientSignature(detail: AuthorizationDetail, typedName: string, signature: DrawnSignature = drawnSignature()) {
  return {
    id: detail.id,
    typedName,
    textSha256: textHashOf(detail),
    agreedToSignElectronically: true as const,
    signaturePng: signature.dataUrl,
    strokes: signature.strokes,
    canvas: signature.canvas,
  };
}

/**
 * Draft, patient mode, patient signature, witness: a final authorization,
 * through the contract, exactly as the screens drive it. Tests and the demo
 * store use it; the witness is whoever is signed in.
 */
export async function signAuthorization(
  call: Call,
  patientId: string,
  terms: AuthorizationTerms,
  signerName: string,
  witnessPassword: string,
  signature?: DrawnSignature,
): Promise<AuthorizationDetail> {
  const draft = await call('consents.createDraft', { patientId, terms });
  await call('consents.startPatientMode', { id: draft.id });
  const signed = await call('consents.patientSign', patientSignature(draft, signerName, signature));
  return call('consents.witness', { id: signed.id, password: witnessPassword });
}
