import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { cachedStatement } from './statement-cache';

describe('cached statements', () => {
  it('prepares a statement once per connection and hands it back with rows as objects', () => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'one')");
    const first = cachedStatement(db, 'SELECT a, b FROM t');
    expect(first.pluck().get()).toBe(1);
    const again = cachedStatement(db, 'SELECT a, b FROM t');
    expect(again).toBe(first);
    expect(again.get()).toEqual({ a: 1, b: 'one' });
    expect(cachedStatement(db, 'SELECT a, b FROM t').raw().get()).toEqual([1, 'one']);
    expect(cachedStatement(db, 'SELECT a, b FROM t').get()).toEqual({ a: 1, b: 'one' });
    const other = new Database(':memory:');
    other.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (2, 'two')");
    expect(cachedStatement(other, 'SELECT a, b FROM t').get()).toEqual({ a: 2, b: 'two' });
    db.close();
    other.close();
  });

  it('keeps at most 256 statements, dropping the least recently used', () => {
    const db = new Database(':memory:');
    const hot = cachedStatement(db, 'SELECT 0');
    const cold = cachedStatement(db, 'SELECT -1');
    for (let i = 1; i <= 300; i += 1) {
      cachedStatement(db, `SELECT ${i}`);
      if (i % 100 === 0) expect(cachedStatement(db, 'SELECT 0')).toBe(hot);
    }
    expect(cachedStatement(db, 'SELECT 0')).toBe(hot);
    expect(cachedStatement(db, 'SELECT -1')).not.toBe(cold);
    expect(cachedStatement(db, 'SELECT -1').pluck().get()).toBe(-1);
    db.close();
  });
});
