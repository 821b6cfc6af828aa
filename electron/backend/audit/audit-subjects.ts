import { channelName } from '../../../shared/posts/coverage';
import type { Db } from '../store/database';

/**
 * What an audit event's subject is called, for people reading the trail:
 * a staff member's name, the patient an authorization or a post is about,
 * a testimonial's title. Read at listing time (the chain keeps only ids, so
 * a renamed patient reads as they are called now); null when the subject is
 * gone (a discarded draft, a purged record) or has no name.
 */
export function subjectName(db: Db, type: string | null, id: string | null): string | null {
  if (!type || !id) return null;
  const row = (sql: string) => db.prepare(sql).get(id) as Record<string, string> | undefined;
  switch (type) {
    case 'staff': {
      const r = row('SELECT display_name AS name, username FROM staff WHERE id = ?');
      return r ? `${r.name} (${r.username})` : null;
    }
    case 'patient': {
      const r = row('SELECT first_name, last_name FROM patients WHERE id = ?');
      return r ? `${r.first_name} ${r.last_name}` : null;
    }
    case 'authorization': {
      const r = row('SELECT p.first_name, p.last_name FROM authorizations a JOIN patients p ON p.id = a.patient_id WHERE a.id = ?');
      return r ? `Authorization for ${r.first_name} ${r.last_name}` : null;
    }
    case 'post': {
      const r = row('SELECT x.channel, p.first_name, p.last_name FROM posts x JOIN patients p ON p.id = x.patient_id WHERE x.id = ?');
      return r ? `Post on ${channelName(r.channel!)} about ${r.first_name} ${r.last_name}` : null;
    }
    case 'testimonial': {
      const r = row('SELECT title FROM testimonials WHERE id = ?');
      return r ? `Testimonial “${r.title}”` : null;
    }
    case 'preset': {
      const r = row('SELECT name FROM scope_presets WHERE id = ? ORDER BY version DESC LIMIT 1');
      return r ? `Scope preset “${r.name}”` : null;
    }
    default:
      return null;
  }
}
