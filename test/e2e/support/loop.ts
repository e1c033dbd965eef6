// Fixtures of the end-to-end loop: a real collector (PGlite in memory, random port) and the static
// server of the demo (examples/ at /, the embed build at /touchloop/, the SPA build at /spa/, the
// headless example at /headless/).
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { type RunningCollector, startCollector } from '../../../packages/collector/src/index'
import type { ResponseRecord } from '../../../packages/core/src/index'
import { launchChromium } from './browser'
import { type StaticServer, serveStatic } from './static-server'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const EMBED_DIST = join(ROOT, 'packages/embed/dist')
export const ADMIN_TOKEN = 'demo'
/** The demo's public write key (scripts/demo.mjs and the example pages use the same). */
export const DEMO_WRITE_KEY = 'pk_demo_localhost'

/** The URL prefixes of the demo and of the tests (scripts/demo.mjs mounts the same). */
export function exampleMounts(): Record<string, string> {
  return {
    '/': join(ROOT, 'examples'),
    '/touchloop/': EMBED_DIST,
    '/spa/': join(ROOT, 'examples/spa/dist'),
    '/headless/': join(ROOT, 'examples/headless/dist'),
  }
}

export function assertEmbedBuilt(): void {
  if (!existsSync(join(EMBED_DIST, 'touchloop.js')) || !existsSync(join(EMBED_DIST, 'manifest.json'))) {
    throw new Error(
      `The script-tag build is missing in ${EMBED_DIST}. Run "npx -y pnpm@10 run build" first (the root "test" script does).`,
    )
  }
}

export function serveExamples(): Promise<StaticServer> {
  assertEmbedBuilt()
  return serveStatic(exampleMounts())
}

/**
 * A collector on a random port; by default with a throwaway in-memory database (or pass a temp folder).
 * The demo's write key is accepted from `origins`.
 */
export function startTestCollector(origins: string[], dataDir = 'memory://'): Promise<RunningCollector> {
  return startCollector({
    port: 0,
    dataDir,
    adminToken: ADMIN_TOKEN,
    writeKeys: [{ key: DEMO_WRITE_KEY, origins }],
    rateLimits: { perIp: { perSecond: 0, burst: 0 } },
  })
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

export interface NetworkSwitch {
  url: string
  /** Down: every connection is cut at once, like a dead network between browser and collector. */
  setDown(down: boolean): void
  /** Requests that reached the collector through this switch. */
  forwarded: number
  close(): Promise<void>
}

/**
 * A fault-injecting HTTP proxy in front of the collector. Chromium's offline emulation does not stop
 * requests handed to the browser process on unload (fetch keepalive, sendBeacon), so the tests cut
 * the network here as well.
 */
export async function startNetworkSwitch(target: string): Promise<NetworkSwitch> {
  const { createServer, request } = await import('node:http')
  let down = false
  const state = { forwarded: 0 }
  const server = createServer((req, res) => {
    if (down) return void req.socket.destroy()
    state.forwarded++
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => req.socket.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as import('node:net').AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    setDown(value) {
      down = value
      if (value) server.closeAllConnections()
    },
    get forwarded() {
      return state.forwarded
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * For one test file: the demo site, a collector that accepts its write key from that site, and Chromium.
 * Read the fields inside tests (they are set by beforeAll).
 */
export function useDemoLoop(): { browser: Browser; site: StaticServer; collector: RunningCollector } {
  const loop = {} as { browser: Browser; site: StaticServer; collector: RunningCollector }
  beforeAll(async () => {
    loop.site = await serveExamples()
    loop.collector = await startTestCollector([loop.site.url])
    // The static site and the collector are both on 127.0.0.1; see loop.e2e.test.ts for this flag.
    loop.browser = await launchChromium({ args: ['--disable-features=LocalNetworkAccessChecks'] })
  })
  afterAll(async () => {
    await loop.browser?.close()
    await loop.site?.close()
    await loop.collector?.close()
  })
  return loop
}
