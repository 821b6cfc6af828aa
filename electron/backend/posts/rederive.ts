import { listPosts, updateDisclosures } from '../repositories/post-repository';
import type { Db } from '../store/database';
import { deriveDisclosures, placeNames, type CheckContext } from './post-checks';

/**
 * The version of the rules that derive what a post discloses (the lexicon,
 * the name, age and identifier patterns). Raise it when they change: on the
 * next open every post is derived again, and the sweep that follows takes
 * down what the better rules found uncovered.
 */
export const disclosureRulesVersion = 2;

const versionKey = 'disclosureRulesVersion';

/** Derive again what posts disclose: all of them, or one patient's. Call inside a write. */
export function rederiveDisclosures(db: Db, ctx: Pick<CheckContext, 'practice'>, patientId?: string): number {
  const places = placeNames(db);
  const posts = patientId ? listPosts(db, "WHERE posts.patient_id = ? AND state <> 'taken_down'", patientId) : listPosts(db, "WHERE state <> 'taken_down'");
  for (const post of posts) {
    const { derived } = deriveDisclosures(db, post, ctx, places);
    updateDisclosures(db, post.id, derived);
  }
  return posts.length;
}

/** On opening a store: derive again when the rules are newer than the store's last derivation. */
export function rederiveIfRulesChanged(db: Db, ctx: Pick<CheckContext, 'practice'>): boolean {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(versionKey) as { value: string } | undefined;
  if (row && Number(JSON.parse(row.value)) >= disclosureRulesVersion) return false;
  rederiveDisclosures(db, ctx);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(versionKey, JSON.stringify(disclosureRulesVersion));
  return true;
}
