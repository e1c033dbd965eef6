// Shared setup for the widget's Chromium tests: bundle the fixture page with Vite (workspace packages
// resolved to src/), serve it on 127.0.0.1, and helpers to show a survey and read the shadow root.
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Survey } from '@touchloop/core'
import type { Page } from 'playwright-core'
import { buildTestPage } from '../../../test/e2e/support/build-page'
import { type StaticServer, serveStatic } from '../../../test/e2e/support/static-server'
import type { ShowOptions } from './fixture/main'

export const AXE_PATH = resolve(import.meta.dirname, '../../../node_modules/axe-core/axe.min.js')

export interface FixtureServer {
  url: string
  close(): Promise<void>
}

export async function serveFixture(): Promise<FixtureServer> {
  const fixture = resolve(import.meta.dirname, 'fixture')
  const outDir = await buildTestPage('widget-e2e', {
    root: fixture,
    build: {
      rolldownOptions: { input: { index: resolve(fixture, 'index.html'), csp: resolve(fixture, 'csp.html') } },
    },
  })
  const server: StaticServer = await serveStatic({ '/': outDir })
  return {
    url: server.url,
    async close() {
      await server.close()
      rmSync(outDir, { recursive: true, force: true })
    },
  }
}

export async function showSurvey(page: Page, survey: Survey, options: ShowOptions = {}): Promise<void> {
  await page.evaluate(([s, o]) => window.widget.show(s, o), [survey, options] as const)
  await page.locator('touchloop-survey [part=title]').first().waitFor()
  await settled(page)
}

/** Waits for the entrance animation: axe would measure contrast on a half-faded card. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      [...document.querySelectorAll('touchloop-survey')].flatMap((host) =>
        (host.shadowRoot?.getAnimations() ?? []).map((animation) => animation.finished),
      ),
    ),
  )
}

export function widgetEvents(page: Page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.widget.events)) as Array<Record<string, unknown>>)
}

/** The focused element's descriptor, looking into the widget's shadow root. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    if (!active) return 'none'
    const label = active.getAttribute('aria-label') ?? active.textContent?.trim() ?? ''
    return `${active.getAttribute('role') ?? active.localName}:${label}`
  })
}

export interface AxeViolation {
  id: string
  impact: string
  help: string
  nodes: Array<{ target: unknown; failureSummary: string }>
}

export async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe
    const result = await axe.run({ include: [['touchloop-survey']] }, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  })
}
