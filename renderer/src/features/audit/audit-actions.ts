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
  { value: 'export.', label: 'Audit exports' },
  { value: 'report.', label: 'Reports' },
  { value: 'retention.', label: 'Retention reviews' },
  { value: 'backup.', label: 'Backups' },
];
