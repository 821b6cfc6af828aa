import type { Language } from '../../../shared/authorization/scope';
import { templateTextSchema, type AuthorizationTemplate, type TemplateText } from '../../../shared/authorization/template';
import type { Db } from '../store/database';

type TemplateRow = { id: string; language: Language; version: number; text: string; active: number; created_at: string };

function toTemplate(row: TemplateRow): AuthorizationTemplate {
  return {
    id: row.id,
    language: row.language,
    version: row.version,
    active: row.active === 1,
    createdAt: row.created_at,
    // Through the schema: a version written before a part existed reads it as blank (and the rules say so).
    text: templateTextSchema.parse(JSON.parse(row.text)),
  };
}

export function listTemplates(db: Db): AuthorizationTemplate[] {
  return (db.prepare('SELECT * FROM templates ORDER BY language, version DESC').all() as TemplateRow[]).map(toTemplate);
}

export function getTemplate(db: Db, id: string): AuthorizationTemplate | undefined {
  const row = db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
  return row && toTemplate(row);
}

export function activeTemplate(db: Db, language: Language): AuthorizationTemplate {
  const row = db.prepare('SELECT * FROM templates WHERE language = ? AND active = 1').get(language) as TemplateRow | undefined;
  if (!row) throw new Error(`No active template for ${language}`);
  return toTemplate(row);
}

/** Add the next version for a language and make it the active one. */
export function publishTemplate(db: Db, id: string, language: Language, text: TemplateText, createdAt: string): AuthorizationTemplate {
  const { next } = db.prepare('SELECT coalesce(max(version), 0) + 1 AS next FROM templates WHERE language = ?').get(language) as {
    next: number;
  };
  db.prepare('UPDATE templates SET active = 0 WHERE language = ? AND active = 1').run(language);
  db.prepare('INSERT INTO templates (id, language, version, text, active, created_at) VALUES (?, ?, ?, ?, 1, ?)').run(
    id,
    language,
    next,
    JSON.stringify(text),
    createdAt,
  );
  return getTemplate(db, id)!;
}
