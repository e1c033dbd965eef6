import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
// @ts-expect-error: a plain .mjs script without declarations
import { assertPortsFree, busyPortMessage } from './demo-first-run.mjs'

let held: Server | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await new Promise((resolve) => (held ? held.close(resolve) : resolve(undefined)))
  held = undefined
})

describe('the demo on a busy port', () => {
  it('names the port, what needed it and the variable that picks another, instead of a stack trace', async () => {
    held = createServer()
    const port = await new Promise<number>((resolve) =>
      held!.listen(0, '127.0.0.1', () => resolve((held!.address() as { port: number }).port)),
    )
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exit')
    }) as never)

    await expect(
      assertPortsFree('127.0.0.1', [{ port, what: 'the collector', variable: 'COLLECTOR_PORT' }]),
    ).rejects.toThrow('exit')
    expect(exit).toHaveBeenCalledWith(1)
    expect(error).toHaveBeenCalledWith(busyPortMessage({ port, what: 'the collector', variable: 'COLLECTOR_PORT' }))
    expect(busyPortMessage({ port: 8787, what: 'the collector', variable: 'COLLECTOR_PORT' })).toMatch(
      /port 8787 \(the collector\) is already in use[\s\S]*COLLECTOR_PORT=8788 npx -y pnpm@10 demo/,
    )
  })

  it('goes on when the ports are free', async () => {
    const exit = vi.spyOn(process, 'exit')
    await assertPortsFree('127.0.0.1', [{ port: 0, what: 'the examples site', variable: 'SITE_PORT' }])
    expect(exit).not.toHaveBeenCalled()
  })
})
