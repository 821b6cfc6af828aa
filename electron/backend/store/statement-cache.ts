import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './database';

/**
 * Prepared statements kept per connection, for the statements that run
 * again and again inside one job: preparing an INSERT into audit_events
 * compiles its triggers each time, and the midnight recompute spent a third
 * of its time preparing the same few statements for every post it touched.
 * A statement comes back with its result mode reset (rows as objects), so a
 * caller that plucked or asked for raw rows before cannot change what the
 * next caller gets. Bounded: callers that build SQL with varying text
 * cannot make it grow without end.
 */
const perConnection = new WeakMap<Db, Map<string, Statement>>();
const kept = 256;

export function cachedStatement(db: Db, sql: string): Statement {
  let cache = perConnection.get(db);
  if (!cache) {
    cache = new Map();
    perConnection.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement) {
    // Most recently used last, so the oldest goes first when the cache is full.
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (cache.size >= kept) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  if (statement.reader) statement.raw(false).pluck(false).expand(false);
  return statement;
}
