import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every statement again on each query; the server runs the
 * same few hundred texts thousands of times a second (a sprint's totals, the sync batches),
 * and preparing was a twentieth of its CPU. Statements are kept by their text, the least
 * recently used dropped beyond `max` (batch statements, whose text varies, come and go).
 * Safe because Kysely runs one query at a time on the connection, and the server never
 * streams (a statement mid-`iterate` could not be reused).
 */
export function withStatementCache<T extends SqliteDatabase>(db: T, max = 500): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // most recently used last: a Map keeps insertion order
      } else {
        statement = db.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!); // the least recently used
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
