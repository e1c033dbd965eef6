// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './args'

describe('parseCliArgs', () => {
  it('reads flags, with environment variables as fallback', () => {
    const settings = parseCliArgs(
      ['--port', '9000', '--admin-token', 'demo', '--cors-origin', 'http://a.test', '--cors-origin', 'http://b.test'],
      { TOUCHLOOP_DATA_DIR: 'memory://', TOUCHLOOP_HOST: '0.0.0.0' },
    )
    expect(settings.options).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: 'memory://',
      adminToken: 'demo',
      corsOrigins: ['http://a.test', 'http://b.test'],
    })
    expect(settings.generatedToken).toBe(false)
  })

  it('splits TOUCHLOOP_CORS_ORIGINS and generates a token when none is given', () => {
    const settings = parseCliArgs([], { TOUCHLOOP_CORS_ORIGINS: 'http://a.test, http://b.test' })
    expect(settings.options.corsOrigins).toEqual(['http://a.test', 'http://b.test'])
    expect(settings.options.port).toBe(8787)
    expect(settings.generatedToken).toBe(true)
    expect(settings.options.adminToken.length).toBeGreaterThanOrEqual(20)
  })

  it('rejects a bad port or an unknown flag with a message saying what to fix', () => {
    expect(() => parseCliArgs(['--port', 'eighty'], {})).toThrow(
      /--port must be a whole number from 0 to 65535, got "eighty"/,
    )
    expect(() => parseCliArgs(['--prot', '1'], {})).toThrow(/--prot/)
  })
})
