// PGlite (Postgres compiled to WASM) in this process, on a data folder or `memory://`.
// Two things PGlite does not do by itself on Node, done here:
// - durability: PGlite starts Postgres with fsync off (`-F`), and its Node filesystem has no fsync at
//   all. We start with fsync on and give the filesystem a real fsync, so an acknowledged write
//   survives an OS crash or power loss, not only a killed process.
// - exclusivity: nothing stops a second process from opening the same folder (each then sees only its
//   own writes and the files get corrupted). A lock file with the owner's pid refuses the second one.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { NodeFS } from '@electric-sql/pglite/nodefs'
import { CollectorStorageError, type SqlDb, TYPE_PARSERS } from './sql'

export const LOCK_FILE = 'touchloop-collector.lock'

export interface PgliteOptions {
  /** Called after every real fsync (tests count them). */
  onFsync?: () => void
}

interface EmscriptenModule {
  NODEFS: { stream_ops: Record<string, unknown> }
}
interface NodeStream {
  nfd?: number
}

/** The Node filesystem of PGlite, with the fsync that Emscripten's NODEFS leaves out. */
class DurableNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    private readonly onFsync?: () => void,
  ) {
    super(dataDir)
  }
  override async init(pg: PGlite, options: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, options)
    const onFsync = this.onFsync
    const emscriptenOpts = result.emscriptenOpts as { preRun?: Array<(module: EmscriptenModule) => void> }
    emscriptenOpts.preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (module) => {
        module.NODEFS.stream_ops.fsync = (stream: NodeStream) => {
          if (stream.nfd !== undefined) fsyncSync(stream.nfd)
          onFsync?.()
          return 0
        }
      },
    ]
    return result
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the folder's lock, or throws naming the process that holds it. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(path, 'utf8').trim())
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new CollectorStorageError(
          'data_dir_locked',
          `The data folder "${resolve(dataDir)}" is in use by another collector (pid ${owner}). Stop that process, or give this one another --data-dir. Several collector instances can share one database only on PostgreSQL (DATABASE_URL).`,
        )
      }
      // A stale lock left by a process that died (kill -9, power loss): take it over.
      rmSync(path, { force: true })
    }
  }
  throw new CollectorStorageError('data_dir_locked', `Could not take the lock ${path}.`)
}

export async function createPgliteDb(dataDir: string, options: PgliteOptions = {}): Promise<SqlDb> {
  const inMemory = dataDir.startsWith('memory://')
  let release = () => {}
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true })
    release = lockDataDir(dataDir)
  }
  let db: PGlite
  try {
    db = await PGlite.create({
      ...(inMemory ? { dataDir } : { fs: new DurableNodeFS(dataDir, options.onFsync) }),
      parsers: TYPE_PARSERS,
      // PGlite's defaults minus `-F` (fsync off); WAL flushed with fsync(), which DurableNodeFS implements.
      startParams: [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync'],
    })
  } catch (error) {
    release()
    throw error
  }
  return {
    kind: 'pglite',
    query: (sql, params) => db.query(sql, params as unknown[]),
    transaction: (fn) => db.transaction((tx: Transaction) => fn({ query: (sql, params) => tx.query(sql, params as unknown[]) })),
    async close() {
      if (!db.closed) await db.close()
      release()
    },
  }
}
