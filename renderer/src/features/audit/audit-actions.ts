/**
 * Names for people of the audit actions the backend writes. An action not
 * listed here still shows, by its code. The codes come from the backend's
 * handlers; a shared list would keep the two in step (see the report).
 */
export const auditActionLabels: Record<string, string> = {
  'session.signed_in': 'Signed in',
  'session.sign_in_failed': 'Failed sign-in',
  'session.locked': 'Locked',
  'session.signed_out': 'Signed out',
  'session.password_changed': 'Changed own password',
  'staff.created': 'Staff member added',
  'staff.updated': 'Staff member changed',
  'staff.password_reset': 'Password reset',
  'staff.disabled': 'Account disabled',
  'staff.enabled': 'Account enabled',
  'settings.updated': 'Settings changed',
  'store.created': 'Store created',
  'store.key_rotated': 'Data key rotated',
  'audit.verified': 'Audit chain verified',
  'audit.pending_unreadable': 'Pending events unreadable',
  'access.denied': 'Access refused',
  'certificate.generated': 'Practice certificate created',
  'certificate.imported': 'Practice certificate imported',
  'patient.created': 'Patient added',
  'patient.updated': 'Patient changed',
  'patient.viewed': 'Patient viewed',
  'patient.searched': 'Patients searched',
  'consent.drafted': 'Authorization drafted',
  'consent.draft_updated': 'Draft changed',
  'consent.draft_discarded': 'Draft discarded',
  'consent.patient_mode_started': 'Handed to patient',
  'consent.patient_mode_left': 'Taken back from patient',
  'consent.signed': 'Authorization signed',
  'consent.witnessed': 'Signature witnessed',
  'consent.viewed': 'Authorization viewed',
  'consent.revoked': 'Authorization revoked',
  'consent.pdf_exported': 'Authorization PDF exported',
  'consent.revocation_pdf_exported': 'Revocation PDF exported',
  'consent.expiration_event_recorded': 'Expiration recorded',
  'template.published': 'Wording published',
  'testimonial.created': 'Testimonial added',
  'media.imported': 'Media imported',
  'media.exported': 'Media exported',
  'post.created': 'Post created',
  'post.updated': 'Post changed',
  'post.approved': 'Post approved',
  'post.approval_withdrawn': 'Approval withdrawn',
  'post.published': 'Post published',
  'post.takedown_required': 'Takedown required',
  'post.taken_down': 'Post taken down',
};

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

/**
 * The Action filter's choices. The backend matches the start of the code,
 * so a family ("staff.") selects all of its actions.
 */
export const auditActionFilters: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'All actions' },
  { value: 'session.signed_in', label: 'Sign-ins' },
  { value: 'session.sign_in_failed', label: 'Failed sign-ins' },
  { value: 'session.locked', label: 'Locks' },
  { value: 'session.signed_out', label: 'Sign-outs' },
  { value: 'session.', label: 'All session events' },
  { value: 'staff.', label: 'Staff account changes' },
  { value: 'settings.', label: 'Settings changes' },
  { value: 'access.denied', label: 'Refused access' },
  { value: 'store.', label: 'Store events' },
  { value: 'audit.', label: 'Audit verifications' },
  { value: 'patient.', label: 'Patient records' },
  { value: 'consent.', label: 'Authorizations' },
  { value: 'template.', label: 'Authorization wording' },
  { value: 'certificate.', label: 'Practice certificate' },
  { value: 'testimonial.', label: 'Testimonials' },
  { value: 'media.', label: 'Media' },
  { value: 'post.', label: 'Posts' },
];
