import type { Migration } from './migration';

/**
 * Indexes for marketing's Home, which now reads a first page of each list
 * and counts the rest: the posts that must come down, oldest flag first,
 * and the published ones to review, each straight from a partial index in
 * the order shown (they used to be sorted after reading every such post);
 * and every post's kept verdict beside its id, so a whole-store reader of
 * verdicts walks an index of a few hundred pages instead of every row.
 */
export const migration014: Migration = {
  // 14 in this wave's numbering; 13 on this branch until issue 12c's migration 013 is merged before it.
  version: 13,
  name: 'dashboard-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX posts_takedown_required ON posts (takedown_required_at, id) WHERE state = 'takedown_required';
      CREATE INDEX posts_review_required ON posts (review_required_at, id) WHERE state = 'published' AND review_required_at IS NOT NULL;
      CREATE INDEX posts_verdict ON posts (id, coverage_covered);
    `);
  },
};
