import { channelName } from '../../../shared/posts/coverage';
import type { AuditSubject } from '../../../shared/audit';
import type { Db } from '../store/database';
import type { SharedRecords } from '../store-engine/store-engine';

/**
 * What an audit event's subject is called, for people reading the trail:
 * a staff member's name, the patient an authorization or a post is about,
 * a testimonial's title. Read at listing time (the chain keeps only ids, so
 * a renamed patient reads as they are called now); null when the subject is
 * gone (a discarded draft, a purged record) or has no name.
 */
export function auditSubject(db: Db, type: string | null, id: string | null): AuditSubject | null {
  if (!type || !id) return null;
  const row = (sql: string) => db.prepare(sql).get(id) as Record<string, string> | undefined;
  switch (type) {
    case 'staff': {
      const r = row('SELECT display_name AS name, username FROM staff WHERE id = ?');
      return r ? { kind: 'staff', name: r.name!, username: r.username! } : null;
    }
    case 'patient': {
      const r = row('SELECT first_name, last_name FROM patients WHERE id = ?');
      return r ? { kind: 'patient', name: `${r.first_name} ${r.last_name}` } : null;
    }
    case 'authorization': {
      const r = row('SELECT p.first_name, p.last_name FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE a.id = ?');
      return r ? { kind: 'authorization', patientName: `${r.first_name} ${r.last_name}` } : null;
    }
    case 'post': {
      const r = row('SELECT x.channel, p.first_name, p.last_name FROM posts x JOIN patients p ON p.id = x.patient_id WHERE x.id = ?');
      return r ? { kind: 'post', channel: r.channel!, patientName: `${r.first_name} ${r.last_name}` } : null;
    }
    case 'testimonial': {
      const r = row('SELECT title FROM testimonials WHERE id = ?');
      return r ? { kind: 'testimonial', title: r.title! } : null;
    }
    case 'preset': {
      const r = row('SELECT name FROM scope_presets WHERE id = ? ORDER BY version DESC LIMIT 1');
      return r ? { kind: 'preset', name: r.name! } : null;
    }
    default:
      return null;
  }
}

/** The subject in English words, for outputs without the renderer's catalogues. */
export function englishSubjectName(subject: AuditSubject | null): string | null {
  if (!subject) return null;
  switch (subject.kind) {
    case 'staff':
      return `${subject.name} (${subject.username})`;
    case 'patient':
      return subject.name;
    case 'authorization':
      return `Authorization for ${subject.patientName}`;
    case 'post':
      return `Post on ${channelName(subject.channel)} about ${subject.patientName}`;
    case 'testimonial':
      return `Testimonial “${subject.title}”`;
    case 'preset':
      return `Scope preset “${subject.name}”`;
  }
}

/** `auditSubject` on the store engine, over `records` inside the caller's transaction (the same words on either engine). */
export async function auditSubjectIn(records: SharedRecords<unknown>, tx: unknown, type: string | null, id: string | null): Promise<AuditSubject | null> {
  if (!type || !id) return null;
  const patientName = async (patientId: string) => {
    const patient = await records.patients.getPatient(tx, patientId);
    return patient ? `${patient.firstName} ${patient.lastName}` : null;
  };
  switch (type) {
    case 'staff': {
      const s = await records.staff.getStaffById(tx, id);
      return s ? { kind: 'staff', name: s.displayName, username: s.username } : null;
    }
    case 'patient': {
      const name = await patientName(id);
      return name === null ? null : { kind: 'patient', name };
    }
    case 'authorization': {
      const a = await records.consents.getAuthorization(tx, id);
      const name = a ? await patientName(a.patientId) : null;
      return name === null ? null : { kind: 'authorization', patientName: name };
    }
    case 'post': {
      const p = await records.posts.getPost(tx, id);
      const name = p ? await patientName(p.patientId) : null;
      return p && name !== null ? { kind: 'post', channel: p.channel, patientName: name } : null;
    }
    case 'testimonial': {
      const t = await records.testimonials.getTestimonial(tx, id);
      return t ? { kind: 'testimonial', title: t.title } : null;
    }
    case 'preset': {
      const preset = await records.practice.presets.latestPreset(tx, id);
      return preset ? { kind: 'preset', name: preset.name } : null;
    }
    default:
      return null;
  }
}
