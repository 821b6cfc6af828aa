import type { Stage } from '../authorization/record';
import type { AuthorizationTerms, RepresentativeAuthority } from '../authorization/scope';
import type { Day } from '../calendar';
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
  /** Who signed: the patient (null) or a representative with this authority. */
  representativeAuthority: RepresentativeAuthority | null;
  signedAt: string | null;
  witnessedAt: string | null;
  /** The practice's days of signing and witnessing. */
  signedOn: Day | null;
  witnessedOn: Day | null;
  /** When the revocation was recorded (an instant), and the day it was received: it takes effect from that day. */
  revokedAt: string | null;
  revocationReceivedOn: Day | null;
  expirationEventAt: string | null;
  /** The day the expiration event happened. */
  expirationEventOn: Day | null;
  /** The SHA-256 of the signed PDF: the exact version a post relied on. */
  pdfSha256: string | null;
}
