import { describe, expect, it } from 'vitest'
import { newProfileSchema, parseBaseUrl } from '../../src/shared/domain/profile'

describe('server address', () => {
  it('accepts https and keeps a path prefix without the trailing slash', () => {
    expect(parseBaseUrl('https://www.anyapi.vip/', false)).toEqual({
      ok: true,
      url: 'https://www.anyapi.vip',
    })
    expect(parseBaseUrl(' https://gw.example.com/newapi/ ', false)).toEqual({
      ok: true,
      url: 'https://gw.example.com/newapi',
    })
  })

  it('allows http:// only for loopback unless the user accepted the warning', () => {
    expect(parseBaseUrl('http://127.0.0.1:3000', false).ok).toBe(true)
    expect(parseBaseUrl('http://localhost:3000', false).ok).toBe(true)
    expect(parseBaseUrl('http://gw.example.com', false)).toEqual({ ok: false, key: 'baseUrl.insecure' })
    expect(parseBaseUrl('http://gw.example.com', true).ok).toBe(true)
    expect(parseBaseUrl('http://127.0.0.1.evil.com', false)).toEqual({ ok: false, key: 'baseUrl.insecure' })
  })

  it('refuses other schemes, embedded credentials and queries', () => {
    expect(parseBaseUrl('ftp://x', false)).toEqual({ ok: false, key: 'baseUrl.protocol' })
    expect(parseBaseUrl('https://user:pw@x.com', false)).toEqual({ ok: false, key: 'baseUrl.credentials' })
    expect(parseBaseUrl('https://x.com/?a=1', false)).toEqual({ ok: false, key: 'baseUrl.query' })
    expect(parseBaseUrl('not a url', false)).toEqual({ ok: false, key: 'baseUrl.invalid' })
  })

  it('parses a new profile, coercing the user id typed as text', () => {
    const parsed = newProfileSchema.parse({
      name: 'AnyAPI',
      baseUrl: 'https://www.anyapi.vip/',
      userId: '42',
      accessToken: ' t ',
    })
    expect(parsed).toEqual({
      name: 'AnyAPI',
      baseUrl: 'https://www.anyapi.vip',
      userId: 42,
      accessToken: 't',
      allowInsecureHttp: false,
    })
    expect(
      newProfileSchema.safeParse({ name: 'x', baseUrl: 'https://a.b', userId: '0', accessToken: 't' })
        .success,
    ).toBe(false)
  })
})
