import fs from 'node:fs';
import path from 'node:path';
import { practiceContactSchema, type PracticeContact, type Settings } from '../../shared/settings';
import { writeFileAtomic } from './store/atomic-file';

/**
 * The practice's name and public contact details (phone, email, website,
 * street address), beside the store in plain text: the same words the
 * practice prints on its door and website, no patient data. It lets
 * `consent-desk replies check --data-dir` leave the practice's own details
 * unflagged without a password. The store's settings stay the source: the
 * backend rewrites this file whenever they change and whenever it opens the
 * store.
 */
export const practiceContactFileName = 'practice-contact.json';

export function writePracticeContactFile(dataDir: string, settings: Pick<Settings, 'practiceName' | 'practiceContact'>): void {
  const file = path.join(dataDir, practiceContactFileName);
  const content = `${JSON.stringify({ practiceName: settings.practiceName, contact: settings.practiceContact }, null, 2)}\n`;
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  writeFileAtomic(file, content, 0o644);
}

/** The practice's public details from a data folder, or null when the file is missing or not ours. */
export function readPracticeContactFile(dataDir: string): { practiceName: string; contact: PracticeContact } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(dataDir, practiceContactFileName), 'utf8'));
  } catch {
    return null;
  }
  const value = parsed as { practiceName?: unknown; contact?: unknown };
  const contact = practiceContactSchema.safeParse(value.contact);
  if (!contact.success || typeof value.practiceName !== 'string') return null;
  return { practiceName: value.practiceName, contact: contact.data };
}
