// startCollector(): the app on Node's http server, storing in PGlite.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Survey } from '@touchloop/core'
import type { Hono } from 'hono'
import { createCollectorApp } from './app'
import { createPgliteStore, type ResponseStore } from './store'

export const DEFAULT_DATA_DIR = '.data/collector'
const CLOSE_GRACE_MS = 2000

export interface StartCollectorOptions {
  /** 0 picks a free port (tests). Default 8787. */
  port?: number
  /** Default 127.0.0.1: reachable from this machine only. */
  host?: string
  /** A folder for PGlite (created if missing) or `memory://`. Default `.data/collector`. */
  dataDir?: string
  adminToken: string
  corsOrigins?: string[]
  surveys?: Survey[]
  maxBodyBytes?: number
}

export interface RunningCollector {
  /** e.g. http://127.0.0.1:8787 */
  url: string
  port: number
  app: Hono
  store: ResponseStore
  /** Stops accepting connections, then closes the database. */
  close(): Promise<void>
}

export async function startCollector(options: StartCollectorOptions): Promise<RunningCollector> {
  const host = options.host ?? '127.0.0.1'
  const store = await createPgliteStore(options.dataDir ?? DEFAULT_DATA_DIR)
  const app = createCollectorApp({
    store,
    adminToken: options.adminToken,
    corsOrigins: options.corsOrigins,
    surveys: options.surveys,
    maxBodyBytes: options.maxBodyBytes,
  })
  // Without a createServer option, serve() makes a plain node:http server.
  let server: Server
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, resolve) as Server
    server.once('error', reject)
  }).catch(async (error) => {
    await store.close()
    throw error
  })
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    app,
    store,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive sockets would hold close() open forever: drop the idle ones now and give
        // in-flight requests a short grace period before cutting the rest.
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref()
      }).then(() => store.close())
      return closing
    },
  }
}
