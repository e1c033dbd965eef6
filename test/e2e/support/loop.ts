// Fixtures of the end-to-end loop: a real collector (PGlite in memory, random port) and the static
// server of the demo (examples/ at /, the embed build at /touchloop/, the SPA build at /spa/).
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type RunningCollector, startCollector } from '../../../packages/collector/src/index'
import type { ResponseRecord } from '../../../packages/core/src/index'
import { type StaticServer, serveStatic } from './static-server'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const EMBED_DIST = join(ROOT, 'packages/embed/dist')
export const ADMIN_TOKEN = 'demo'

/** The URL prefixes of the demo and of the tests (scripts/demo.mjs mounts the same). */
export function exampleMounts(): Record<string, string> {
  return {
    '/': join(ROOT, 'examples'),
    '/touchloop/': EMBED_DIST,
    '/spa/': join(ROOT, 'examples/spa/dist'),
  }
}

export function assertEmbedBuilt(): void {
  if (!existsSync(join(EMBED_DIST, 'touchloop.js')) || !existsSync(join(EMBED_DIST, 'widget/index.js'))) {
    throw new Error(
      `The script-tag build is missing in ${EMBED_DIST}. Run "npx -y pnpm@10 run build" first (the root "test" script does).`,
    )
  }
}

export function serveExamples(): Promise<StaticServer> {
  assertEmbedBuilt()
  return serveStatic(exampleMounts())
}

/** A collector on a random port with a throwaway in-memory database. */
export function startTestCollector(corsOrigins: string[]): Promise<RunningCollector> {
  return startCollector({ port: 0, dataDir: 'memory://', adminToken: ADMIN_TOKEN, corsOrigins })
}

export type StoredResponse = ResponseRecord & { receivedAt: string }

export async function listResponses(collector: RunningCollector, surveyId?: string): Promise<StoredResponse[]> {
  const query = surveyId ? `?surveyId=${encodeURIComponent(surveyId)}` : ''
  const res = await fetch(`${collector.url}/v1/responses${query}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })
  if (!res.ok) throw new Error(`GET /v1/responses answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { responses: StoredResponse[] }).responses
}

/** Polls until check() returns a value (no fixed sleeps: wait for the condition, fail with the last state). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
