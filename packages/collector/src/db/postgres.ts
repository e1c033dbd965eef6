// PostgreSQL through node-postgres (`pg`): pure JavaScript (no native build), a connection pool, and
// the same `$n` parameters as PGlite, so every query is one text for both. Any number of collector
// processes may share one database.
import pg from 'pg'
import { CollectorStorageError, type SqlDb, type SqlQueryable, TYPE_PARSERS } from './sql'

// Transactions that lost a race (serialization failure, deadlock) are safe to run again.
const RETRYABLE = new Set(['40001', '40P01'])
const MAX_TRIES = 5

export interface PostgresOptions {
  /** Pool size (default 10). */
  maxConnections?: number
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'an unparsable DATABASE_URL'
  }
}

export async function createPostgresDb(url: string, options: PostgresOptions = {}): Promise<SqlDb> {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      TYPE_PARSERS[oid] ?? (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format),
  }
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types: types as pg.CustomTypesConfig })
  // An idle client that loses its connection emits 'error' on the pool: without a listener it would
  // crash the process. The next query gets a fresh connection.
  pool.on('error', () => {})
  try {
    await pool.query('select 1')
  } catch (error) {
    await pool.end()
    throw new CollectorStorageError(
      'database_unreachable',
      `Could not connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}. Check DATABASE_URL (postgres://user:password@host:5432/database) and that the server accepts connections.`,
      { cause: error },
    )
  }
  const query: SqlQueryable['query'] = async (sql, params) => {
    const result = await pool.query(sql, params as unknown[])
    return { rows: result.rows }
  }
  return {
    kind: 'postgres',
    query,
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect()
        try {
          await client.query('begin')
          const result = await fn({
            query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
          })
          await client.query('commit')
          return result
        } catch (error) {
          await client.query('rollback').catch(() => {})
          const code = (error as { code?: string }).code
          if (attempt < MAX_TRIES && code && RETRYABLE.has(code)) continue
          throw error
        } finally {
          client.release()
        }
      }
    },
    close: () => pool.end(),
  }
}
