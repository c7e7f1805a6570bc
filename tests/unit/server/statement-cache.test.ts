import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../server/store/statement-cache';

describe('SQLite statement cache', () => {
  it('prepares a text once, keeps at most `max`, and survives a schema change', () => {
    const raw = new BetterSqlite3(':memory:');
    raw.exec('CREATE TABLE t (a INTEGER)');
    const db = withStatementCache(raw, 3);
    const first = db.prepare('SELECT 0 AS zero');
    const insert = db.prepare('INSERT INTO t (a) VALUES (?)');
    expect(db.prepare('INSERT INTO t (a) VALUES (?)')).toBe(insert);
    insert.run([1]);
    expect(db.prepare('SELECT * FROM t').all([])).toEqual([{ a: 1 }]);
    // A column added after the SELECT was prepared shows up: SQLite re-prepares on a schema change.
    raw.exec('ALTER TABLE t ADD COLUMN b TEXT');
    expect(db.prepare('SELECT * FROM t').all([])).toEqual([{ a: 1, b: null }]);
    // A fourth text evicts the oldest.
    db.prepare('SELECT 1');
    expect(db.prepare('INSERT INTO t (a) VALUES (?)')).toBe(insert);
    expect(db.prepare('SELECT 0 AS zero')).not.toBe(first);
    db.close();
  });
});
