// One small SQL interface with two implementations (PGlite in-process, PostgreSQL over the network),
// so the store, the migrations and every query are the same text on both. Parameters are `$1, $2…`
// in both drivers; values come back as plain JS (bigint → number, date → 'YYYY-MM-DD').

export interface SqlResult<T> {
  rows: T[]
}

export interface SqlQueryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<T>>
}

export interface SqlDb extends SqlQueryable {
  readonly kind: 'pglite' | 'postgres'
  /** Runs `fn` in one transaction; retried on a serialization failure or deadlock (PostgreSQL). */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export class CollectorStorageError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CollectorStorageError'
    this.code = code
  }
}

/** Postgres type OIDs parsed the same way by both drivers. */
export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  20: Number, // int8: counts and versions stay below 2^53 (the schema bounds them)
  1700: Number, // numeric
  1082: (value) => value, // date: keep 'YYYY-MM-DD' (pg would make a local-midnight Date)
}
