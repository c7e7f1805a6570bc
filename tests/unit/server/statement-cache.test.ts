import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../server/store/statement-cache';

describe('SQLite statement cache', () => {
  it('prepares a text once, keeps at most `max`, and survives a schema change', () => {
    const raw = new BetterSqlite3(':memory:');
    raw.exec('CREATE TABLE t (a INTEGER)');
    const db = withStatementCache(raw, 3);
    const insert = db.prepare('INSERT INTO t (a) VALUES (?)');
    expect(db.prepare('INSERT INTO t (a) VALUES (?)')).toBe(insert);
    insert.run([1]);
    expect(db.prepare('SELECT * FROM t').all([])).toEqual([{ a: 1 }]);
    // A column added after the SELECT was prepared shows up: SQLite re-prepares on a schema change.
    raw.exec('ALTER TABLE t ADD COLUMN b TEXT');
    expect(db.prepare('SELECT * FROM t').all([])).toEqual([{ a: 1, b: null }]);
    // Beyond `max`, the least recently used goes: A, B, C cached; A used again; D evicts B, not A.
    const a = db.prepare('SELECT 1 AS a');
    const b = db.prepare('SELECT 1 AS b');
    db.prepare('SELECT 1 AS c');
    expect(db.prepare('SELECT 1 AS a')).toBe(a);
    db.prepare('SELECT 1 AS d');
    expect(db.prepare('SELECT 1 AS a')).toBe(a);
    expect(db.prepare('SELECT 1 AS b')).not.toBe(b);
    db.close();
  });
});
