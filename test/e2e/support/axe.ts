// axe-core in a page (injected as a script tag: the page's context must bypass its CSP), violations as
// `rule: [targets]` lines so a failing expectation names what to fix.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from './loop'

const AXE_PATH = join(ROOT, 'node_modules/axe-core/axe.min.js')

export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }>
        }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)
  })
}
