// startCollector(): the app on Node's http server, storing in PGlite (a data folder) or PostgreSQL
// (databaseUrl). With PostgreSQL the process keeps no state of its own beyond rate-limit buckets: run
// as many as you like behind a load balancer.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { enqueueAlerts } from './alerts'
import { type CollectorAppOptions, createCollectorApp } from './app'
import { errorCode } from './context'
import { migrate } from './db/migrate'
import { createPgliteDb } from './db/pglite'
import { createPostgresDb } from './db/postgres'
import type { SqlDb } from './db/sql'
import { createResponseStore, type ResponseStore } from './store'
import { createSurveyRegistry } from './survey-registry'
import { startWebhookSender, syncConfiguredWebhooks, type WebhookConfig, type WebhookSenderOptions } from './webhooks'

export const DEFAULT_DATA_DIR = '.data/collector'
const CLOSE_GRACE_MS = 2000
const UPKEEP_MS = 3600_000

export interface StartCollectorOptions extends Omit<CollectorAppOptions, 'store'> {
  /** 0 picks a free port (tests). Default 8787. */
  port?: number
  /** Default 127.0.0.1: reachable from this machine only. */
  host?: string
  /** PostgreSQL (postgres://user:password@host:5432/db). When set, dataDir is not used. */
  databaseUrl?: string
  /** A folder for PGlite (created if missing) or `memory://`. Default `.data/collector`. */
  dataDir?: string
  /** Delete answers received more than this many days ago (checked hourly). Default: keep them. */
  retentionDays?: number
  /** Webhooks from the configuration (the CLI reads TOUCHLOOP_WEBHOOK_URL / TOUCHLOOP_WEBHOOK_SECRET); more can be added in the dashboard. */
  webhooks?: WebhookConfig[]
  /** Tuning of the webhook sender (tests shorten the interval and the backoff). */
  webhookSender?: Omit<WebhookSenderOptions, 'log'>
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

export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<SqlDb> {
  return options.databaseUrl
    ? createPostgresDb(options.databaseUrl)
    : createPgliteDb(options.dataDir ?? DEFAULT_DATA_DIR)
}

export async function startCollector(options: StartCollectorOptions): Promise<RunningCollector> {
  const host = options.host ?? '127.0.0.1'
  const db = await openDatabase(options)
  // The score types of the aggregates come from the live surveys (files + API-published versions),
  // so those are loaded before the store checks whether its aggregates match them.
  const surveyRegistry = createSurveyRegistry(db, options.surveys ?? [], { log: options.log })
  let store: ResponseStore
  // Follow-ups and webhook deliveries are written in the same transaction as the responses (./alerts),
  // with the live surveys (files and API-published versions).
  const alertContext = { scoreTypeOf: surveyRegistry.scoreTypeOf, surveyOf: (id: string) => surveyRegistry.get(id) }
  try {
    await migrate(db)
    await surveyRegistry.refresh()
    store = await createResponseStore(db, {
      scoreTypeOf: surveyRegistry.scoreTypeOf,
      scoreTypesFingerprint: surveyRegistry.fingerprint,
      afterUpsert: (tx, stored, previous) => enqueueAlerts(tx, stored, previous, alertContext),
    })
    await syncConfiguredWebhooks(db, options.webhooks ?? [])
  } catch (error) {
    await db.close()
    throw error
  }
  const app = createCollectorApp({ ...options, store, surveyRegistry })
  // Without a createServer option, serve() makes a plain node:http server.
  let server: Server
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, resolve) as Server
    server.once('error', reject)
  }).catch(async (error) => {
    await store.close()
    throw error
  })
  // Hourly upkeep: fold past days' spread aggregate rows into one (PostgreSQL), and the retention sweep.
  const days = options.retentionDays
  const upkeep = () => {
    store.compactAggregates().catch((error: unknown) => {
      console.error(
        `touchloop collector: compacting the aggregates failed (${errorCode(error)}); it runs again in an hour.`,
      )
    })
    if (days === undefined) return
    store.deleteOlderThan(days).catch((error: unknown) => {
      console.error(`touchloop collector: the retention sweep failed (${errorCode(error)}); it runs again in an hour.`)
    })
  }
  upkeep()
  const sweep = setInterval(upkeep, UPKEEP_MS)
  sweep.unref()
  const log =
    options.log ??
    ((message: string, details?: Record<string, string | number>) =>
      console.error(`touchloop collector: ${message}${details ? ` ${JSON.stringify(details)}` : ''}`))
  const sender = startWebhookSender(db, { ...options.webhookSender, log })
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    app,
    store,
    close() {
      clearInterval(sweep)
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive sockets would hold close() open forever: drop the idle ones now and give
        // in-flight requests a short grace period before cutting the rest.
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref()
      })
        .then(() => sender.stop())
        .then(() => store.close())
      return closing
    },
  }
}
