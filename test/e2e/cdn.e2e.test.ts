// The CDN layout in real Chromium: touchloop.js adds the SRI hashes of its version's modules as an
// import map, so a module whose bytes differ from the build (a tampered or mixed-up CDN file) is refused
// instead of run, and the page gets console errors, not exceptions.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { readEmbedManifest } from './support/embed-files'
import { useDemoLoop } from './support/loop'

const loop = useDemoLoop()

const pageUrl = () => `${loop.site.url}/script-tag/?collector=${encodeURIComponent(loop.collector.url)}`

async function openWith(tamper: string | undefined): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await loop.browser.newContext()
  if (tamper) {
    await context.route(`${loop.site.url}/touchloop/${tamper}`, async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, body: `${await response.text()}\n;globalThis.tampered = true` })
    })
  }
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(pageUrl())
  return { page, errors, close: () => context.close() }
}

describe('the CDN build: integrity of the hashed modules', () => {
  it('adds an import map with the SRI hash of every module of its version, and boots with it', async () => {
    const manifest = readEmbedManifest()
    const { page, errors, close } = await openWith(undefined)
    try {
      await page.waitForFunction(() => 'instance' in ((window as { touchloop?: object }).touchloop ?? {}))
      const integrity = await page.evaluate(
        () => JSON.parse(document.querySelector('script[type=importmap]')?.textContent ?? '{}').integrity,
      )
      const boot = manifest.files.boot!
      expect(integrity[`${loop.site.url}/touchloop/${boot.file}`]).toBe(boot.integrity)
      expect(Object.keys(integrity)).toHaveLength(Object.keys(manifest.files).length)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('refuses a boot module whose bytes differ from the build, and settles the stub instead of throwing', async () => {
    const { page, errors, close } = await openWith(readEmbedManifest().files.boot!.file)
    try {
      await page.waitForFunction(() => document.readyState === 'complete')
      const shown = await page.evaluate(() =>
        (window as unknown as { touchloop: { show(id: string): Promise<boolean> } }).touchloop.show(
          'post-checkout-nps',
        ),
      )
      expect(shown).toBe(false)
      expect(await page.evaluate(() => (globalThis as { tampered?: boolean }).tampered)).toBeUndefined()
      expect(errors.join('\n')).toMatch(/touchloop: could not load .*boot-/)
      expect(errors.join('\n')).not.toMatch(/pageerror/)
    } finally {
      await close()
    }
  })
})
