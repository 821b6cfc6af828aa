import type { Stage } from '../authorization/record';
import type { AuthorizationTerms } from '../authorization/scope';
import type { AuthorizationStatus } from '../authorization/status';

/**
 * What marketing may see of an authorization (permission
 * consents.readScope): enough to judge coverage, and the patient's name as
 * it might appear in a post. No date of birth, no contact details.
 */
export interface ConsentScopeView {
  id: string;
  patientId: string;
  patientFirstName: string;
  patientLastName: string;
  stage: Stage;
  status: AuthorizationStatus;
  language: AuthorizationTerms['language'];
  scope: AuthorizationTerms['scope'];
  expiration: AuthorizationTerms['expiration'];
  /** Whether the authorization states that a third party pays (and who). */
  remuneration: AuthorizationTerms['remuneration'];
  signedAt: string | null;
  witnessedAt: string | null;
  revokedAt: string | null;
  expirationEventAt: string | null;
  /** The SHA-256 of the signed PDF: the exact version a post relied on. */
  pdfSha256: string | null;
}
