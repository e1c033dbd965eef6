import { describe, expect, it } from 'vitest'
import { createEmitter } from './emitter'

describe('emitter', () => {
  it('delivers to every listener; one that throws is reported and does not stop the others', () => {
    const errors: string[] = []
    const emitter = createEmitter<{ ping: number }>((event, error) =>
      errors.push(`${String(event)}: ${(error as Error).message}`),
    )
    const got: number[] = []
    emitter.on('ping', () => {
      throw new Error('host bug')
    })
    const off = emitter.on('ping', (n) => got.push(n))
    emitter.emit('ping', 1)
    off()
    emitter.emit('ping', 2)
    expect(got).toEqual([1])
    expect(errors).toEqual(['ping: host bug', 'ping: host bug'])
  })
})
