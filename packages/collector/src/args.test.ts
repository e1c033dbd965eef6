// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './args'

describe('parseCliArgs', () => {
  it('reads flags, with environment variables as fallback', () => {
    const settings = parseCliArgs(
      [
        '--port',
        '9000',
        '--admin-token',
        'demo',
        '--cors-origin',
        'http://a.test',
        '--cors-origin',
        'http://b.test',
        '--write-key',
        'pk_shop_4f9a2c7d=https://shop.example,https://www.shop.example',
        '--trust-proxy',
      ],
      {
        TOUCHLOOP_DATA_DIR: 'memory://',
        TOUCHLOOP_HOST: '0.0.0.0',
        TOUCHLOOP_RETENTION_DAYS: '30',
        DATABASE_URL: 'postgres://db/x',
      },
    )
    expect(settings.options).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: 'memory://',
      databaseUrl: 'postgres://db/x',
      adminToken: 'demo',
      corsOrigins: ['http://a.test', 'http://b.test'],
      writeKeys: [{ key: 'pk_shop_4f9a2c7d', origins: ['https://shop.example', 'https://www.shop.example'] }],
      secretKeys: [],
      trustProxy: true,
      retentionDays: 30,
      rateLimits: { perIp: { perSecond: 20, burst: 100 }, perKey: { perSecond: 500, burst: 2500 } },
    })
    expect(settings.generatedToken).toBe(false)
  })

  it('splits list variables and generates a token when none is given', () => {
    const settings = parseCliArgs([], {
      TOUCHLOOP_CORS_ORIGINS: 'http://a.test, http://b.test',
      TOUCHLOOP_WRITE_KEYS: 'pk_one_12345678=http://a.test; pk_two_12345678=*',
      TOUCHLOOP_SECRET_KEYS: 'sk_0123456789abcdef01234567',
      TOUCHLOOP_RATE_LIMIT_IP: '0',
    })
    expect(settings.options.corsOrigins).toEqual(['http://a.test', 'http://b.test'])
    expect(settings.options.writeKeys?.map((key) => key.key)).toEqual(['pk_one_12345678', 'pk_two_12345678'])
    expect(settings.options.secretKeys).toEqual(['sk_0123456789abcdef01234567'])
    expect(settings.options.rateLimits?.perIp?.perSecond).toBe(0)
    expect(settings.options.port).toBe(8787)
    expect(settings.generatedToken).toBe(true)
    expect(settings.options.adminToken.length).toBeGreaterThanOrEqual(20)
  })

  it('reads the admin token from a file, so it stays out of the process list', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'touchloop-args-')), 'token')
    writeFileSync(file, 's3cret-token\n')
    expect(parseCliArgs(['--admin-token-file', file], {}).options.adminToken).toBe('s3cret-token')
    expect(parseCliArgs([], { TOUCHLOOP_ADMIN_TOKEN_FILE: file }).options.adminToken).toBe('s3cret-token')
    expect(() => parseCliArgs(['--admin-token-file', `${file}.missing`], {})).toThrow(/cannot read .*ENOENT/)
  })

  it('rejects bad values with a message saying what to fix', () => {
    expect(() => parseCliArgs(['--port', 'eighty'], {})).toThrow(
      /--port must be a whole number from 0 to 65535, got "eighty"/,
    )
    expect(() => parseCliArgs(['--prot', '1'], {})).toThrow(/--prot/)
    expect(() => parseCliArgs(['--write-key', 'pk_short'], {})).toThrow(/KEY=ORIGIN/)
    expect(() => parseCliArgs(['--write-key', 'pk_shop_4f9a2c7d=https://shop.example/path'], {})).toThrow(
      /not an origin/,
    )
    expect(() => parseCliArgs(['--secret-key', 'short'], {})).toThrow(/secret key is 24–200/)
    expect(() => parseCliArgs(['--retention-days', '0'], {})).toThrow(/at least 1/)
  })
})
