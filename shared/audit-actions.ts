/**
 * Every action the backend writes to the audit trail, with its name for
 * people. The backend's writes are typed with `AuditAction`, so a new
 * action cannot be written without a label here, and the audit screen and
 * the staff activity report name it.
 */
export const auditActionLabels = {
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
  'store.restored': 'Store restored from a backup',
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
  'consent.patient_copy_recorded': 'Patient’s copy recorded',
  'consent.revocation_pdf_exported': 'Revocation PDF exported',
  'consent.expiration_event_recorded': 'Expiration recorded',
  'consent.purged': 'Authorization purged',
  'consent.purge_refused': 'Purge refused',
  'consent.paper_form_printed': 'Printed for a paper signature',
  'consent.paper_signature_recorded': 'Paper signature recorded',
  'template.published': 'Wording published',
  'template.publish_refused': 'Wording refused (incomplete)',
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
  'export.started': 'Audit export started',
  'export.completed': 'Audit export completed',
  'export.cancelled': 'Audit export cancelled',
  'export.failed': 'Audit export failed',
  'export.verified': 'Audit bundle verified',
  'report.viewed': 'Report viewed',
  'report.pdf_exported': 'Report PDF exported',
  'retention.reviewed': 'Retention reviewed',
  'backup.created': 'Backup written',
  'backup.failed': 'Backup failed',
  'backup.pruned': 'Old backups deleted',
  'backup.schedule_changed': 'Backup schedule changed',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof auditActionLabels;

/** The label of a stored action; an unknown code (from a newer version) shows as itself. */
export function auditActionLabel(action: string): string {
  return (auditActionLabels as Record<string, string>)[action] ?? action;
}
