/**
 * The Action filter's choices. The backend matches the start of the code,
 * so a family ("staff.") selects all of its actions. The label is a key of
 * the audit catalogue's auditFilterForm.actionFilters.
 */
export const auditActionFilters = [
  { value: '', labelKey: 'all' },
  { value: 'session.signed_in', labelKey: 'sessionSignedIn' },
  { value: 'session.sign_in_failed', labelKey: 'sessionSignInFailed' },
  { value: 'session.locked', labelKey: 'sessionLocked' },
  { value: 'session.signed_out', labelKey: 'sessionSignedOut' },
  { value: 'session.', labelKey: 'sessionFamily' },
  { value: 'staff.', labelKey: 'staffFamily' },
  { value: 'settings.', labelKey: 'settingsFamily' },
  { value: 'access.denied', labelKey: 'accessDenied' },
  { value: 'store.', labelKey: 'storeFamily' },
  { value: 'audit.', labelKey: 'auditFamily' },
  { value: 'patient.', labelKey: 'patientFamily' },
  { value: 'consent.', labelKey: 'consentFamily' },
  { value: 'template.', labelKey: 'templateFamily' },
  { value: 'certificate.', labelKey: 'certificateFamily' },
  { value: 'testimonial.', labelKey: 'testimonialFamily' },
  { value: 'media.', labelKey: 'mediaFamily' },
  { value: 'post.', labelKey: 'postFamily' },
  { value: 'export.', labelKey: 'exportFamily' },
  { value: 'report.', labelKey: 'reportFamily' },
  { value: 'retention.', labelKey: 'retentionFamily' },
  { value: 'backup.', labelKey: 'backupFamily' },
] as const;
