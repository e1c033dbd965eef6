// Applies MIGRATIONS in order. On PostgreSQL several collectors may start at once: an advisory lock
// held for the transaction makes the others wait, then find nothing left to do.
import { MIGRATIONS } from './migrations'
import type { SqlDb } from './sql'

const MIGRATION_LOCK = 74_657_301 // any constant; names this lock among the database's advisory locks

export async function migrate(db: SqlDb): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    // Inside the lock: two instances creating it at once would collide in the catalog.
    await tx.query(
      'create table if not exists schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
    )
    const { rows } = await tx.query<{ version: number }>(
      'select coalesce(max(version), 0)::int as version from schema_migrations',
    )
    const applied: number[] = []
    for (let version = (rows[0]?.version ?? 0) + 1; version <= MIGRATIONS.length; version++) {
      for (const statement of splitStatements(MIGRATIONS[version - 1]!)) await tx.query(statement)
      await tx.query('insert into schema_migrations (version) values ($1)', [version])
      applied.push(version)
    }
    return applied
  })
}

/** `pg` runs one statement per parameterised query: split on the `;` that ends a line. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean)
}
