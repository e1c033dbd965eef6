import { describe, expect, it } from 'vitest'
import { createLazyStage } from './lazy-stage'

describe('lazy stage', () => {
  it('runs what waited for it in call order, with in-order work that does not load it', async () => {
    const seen: string[] = []
    let opens = 0
    const stage = createLazyStage(
      async () => {
        opens++
        return 'stage'
      },
      'test stage',
      () => {},
    )
    stage.inOrder(() => seen.push('before anything waits: at once'))
    stage.use((loaded) => seen.push(`first with ${loaded}`))
    stage.inOrder(() => seen.push('explained after the first'))
    stage.use(() => seen.push('second'))
    expect(seen).toEqual(['before anything waits: at once'])
    await stage.load()
    expect(seen).toEqual(['before anything waits: at once', 'first with stage', 'explained after the first', 'second'])
    stage.use(() => seen.push('loaded: at once'))
    expect(seen.at(-1)).toBe('loaded: at once')
    expect(opens).toBe(1)
  })

  it('reports a failed load, settles what waited, and loads again on the next use', async () => {
    const errors: string[] = []
    let fail = true
    const stage = createLazyStage(
      async () => {
        if (fail) throw new TypeError('Failed to fetch dynamically imported module')
        return 'stage'
      },
      'test stage',
      (where) => errors.push(where),
    )
    const settled: string[] = []
    stage.use(
      () => settled.push('ran'),
      () => settled.push('failed'),
    )
    await expect(stage.load()).rejects.toThrow(/Failed to fetch/)
    expect(settled).toEqual(['failed'])
    expect(errors).toEqual(['loading the test stage'])
    fail = false
    stage.use(() => settled.push('ran'))
    expect(await stage.settled()).toBe('stage')
    expect(settled).toEqual(['failed', 'ran'])
  })
})
