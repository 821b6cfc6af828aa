import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPracticeContact } from '../../../shared/settings';
import { copiedStore } from '../../cli/testing/copied-store';
import { storePaths } from '../data-dir';
import type { Db } from '../store/database';
import { Store } from '../store/store';
import { adminPassword, tempDataDir } from '../testing/test-backend';
import { createSqliteExportRecords } from '../store-engine/sqlite-export-records';
import { postsCsvAsync } from './bundle-contents';
import { selectForExportOn, selectedPostsOn } from './export-selection';
import { closeExportSnapshot, openExportSnapshot } from './export-snapshot';

/**
 * What SQLite is asked while a bundle is chosen and posts.csv written, counted
 * on the connection rather than timed (a loaded machine cannot stretch a
 * count): statements prepared, single-row look-ups (`get`) and rows stepped
 * through by `iterate`. Issue 14: the export's cost per post must not grow
 * with the store. Counting every authorization row to size the bundle, or a
 * look-up per post (its consent, its patient) instead of one per consent,
 * grows the counts per post with the store, and this fails.
 */
interface Work {
  prepared: number;
  gets: number;
  rows: number;
}

function counted(db: Db): { db: Db; work: Work } {
  const work: Work = { prepared: 0, gets: 0, rows: 0 };
  const wrap = (statement: object): object => {
    const proxy: object = new Proxy(statement, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (key === 'get') {
          return (...args: unknown[]) => {
            work.gets += 1;
            return method.apply(target, args);
          };
        }
        if (key === 'iterate') {
          return function* (...args: unknown[]) {
            for (const row of method.apply(target, args) as Iterable<unknown>) {
              work.rows += 1;
              yield row;
            }
          };
        }
        if (key === 'all') {
          return (...args: unknown[]) => {
            const rows = method.apply(target, args) as unknown[];
            work.rows += rows.length;
            return rows;
          };
        }
        // pluck(), raw() and expand() return the statement: hand back the counting one.
        return (...args: unknown[]) => {
          const result = method.apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  const proxy = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') {
        return (sql: string) => {
          work.prepared += 1;
          return wrap(target.prepare(sql));
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: proxy, work };
}

const postsEach = 20;
// Both past the 5,000 posts from which posts.csv walks the posts on their created index (the large stores' path).
const sizes = [300, 900];
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const params = { from: '2026-12-01', to: '2026-12-01', includeNames: true };
const ctx = { today: '2026-12-01', timeZone: 'UTC', ageOfMajority: 18, practice: { name: 'Riverside Physical Therapy', contact: emptyPracticeContact } };

describe(`the export's work per post, at ${sizes.join(' and ')} authorizations with ${postsEach} posts each`, () => {
  const measured = new Map<number, { selection: Work; posts: Work; postCount: number; csvBytes: number }>();
  beforeAll(async () => {
    for (const size of sizes) {
      const dataDir = tempDataDir(`export-work-${size}`);
      dirs.push(dataDir);
      await copiedStore(dataDir, size, { postsPerAuthorization: postsEach, standInHashes: true });
      const paths = storePaths(dataDir);
      const [unlocked] = await Store.unlock(paths, { username: 'admin', password: adminPassword });
      const store = Store.openWithKey(paths, unlocked!.keyring, unlocked!.dataKey);
      const snapshot = openExportSnapshot(store);
      try {
        const forSelection = counted(snapshot);
        // The export's own path: its repository reads (records.exports) on the snapshot's connection.
        const exports = createSqliteExportRecords();
        const selection = await selectForExportOn(exports, forSelection.db, params, ctx);
        const forPosts = counted(snapshot);
        let csvBytes = 0;
        for await (const chunk of postsCsvAsync(selectedPostsOn(exports, forPosts.db, selection), true)) csvBytes += chunk.length;
        measured.set(size, { selection: forSelection.work, posts: forPosts.work, postCount: selection.counts.posts, csvBytes });
      } finally {
        closeExportSnapshot(store, snapshot);
        store.close();
      }
    }
  }, 600_000);

  it('sizes the bundle with a few statements, however many authorizations it holds', () => {
    for (const size of sizes) {
      const { selection } = measured.get(size)!;
      // Counting, the audit span, the trail's head: a handful of single-row answers, no row per authorization.
      expect(selection.gets + selection.rows).toBeLessThanOrEqual(8);
      expect(selection.prepared).toBeLessThanOrEqual(10);
    }
  });

  it('writes posts.csv from one walk of the posts and one look-up of each consent, never one per post', () => {
    for (const size of sizes) {
      const { posts, postCount, csvBytes } = measured.get(size)!;
      expect(postCount).toBe(size * postsEach);
      expect(csvBytes).toBeGreaterThan(postCount * 50);
      // Each post stepped through once, by the one statement that walks them.
      expect(posts.rows).toBe(postCount);
      // Each consent's scope and its patient (date of birth), read once for its twenty posts.
      expect(posts.gets).toBeLessThanOrEqual(2 * size + 2);
      // A fixed set of statements, not one prepared per post or per consent.
      expect(posts.prepared).toBeLessThanOrEqual(4);
    }
    // And so the same work per post at three times the store.
    const [small, large] = sizes.map((size) => measured.get(size)!);
    const perPost = (m: typeof small) => (m!.posts.gets + m!.posts.rows) / m!.postCount;
    expect(perPost(large)).toBeLessThanOrEqual(perPost(small) * 1.01);
  });
});
