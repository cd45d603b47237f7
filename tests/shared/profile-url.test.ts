import { describe, expect, it } from 'vitest'
import { newProfileSchema } from '../../src/shared/domain/profile-input'
import { parseBaseUrl } from '../../src/shared/domain/server-address'

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
    expect(parseBaseUrl('javascript:alert(1)', false)).toEqual({ ok: false, key: 'baseUrl.protocol' })
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
      production: false,
      multiGroup: false,
    })
    expect(
      newProfileSchema.safeParse({ name: 'x', baseUrl: 'https://a.b', userId: '0', accessToken: 't' })
        .success,
    ).toBe(false)
  })

  it('cuts what people paste down to where the gateway lives', () => {
    const cases: [string, string][] = [
      ['gw.example.com', 'https://gw.example.com'],
      ['HTTPS://GW.Example.com:443/', 'https://gw.example.com'],
      ['https://gw.example.com/v1', 'https://gw.example.com'],
      ['https://gw.example.com/v1/chat/completions', 'https://gw.example.com'],
      ['https://gw.example.com/console/token', 'https://gw.example.com'],
      ['https://gw.example.com/token', 'https://gw.example.com'],
      ['https://gw.example.com/api/status', 'https://gw.example.com'],
      ['https://gw.example.com/newapi/console/token#top', 'https://gw.example.com/newapi'],
      ['https://gw.example.com:8443/proxy/newapi/', 'https://gw.example.com:8443/proxy/newapi'],
      ['https://gw.example.com/api', 'https://gw.example.com'],
      ['https://gw.example.com/newapi/v1/models', 'https://gw.example.com/newapi'],
      // A prefix that merely looks like a route stays: only known tails are cut.
      ['https://corp.example.com/api/newapi', 'https://corp.example.com/api/newapi'],
      ['https://corp.example.com/api/newapi/api/status', 'https://corp.example.com/api/newapi'],
      ['https://x.example/user/gw', 'https://x.example/user/gw'],
      ['https://x.example/user/gw/token', 'https://x.example/user/gw'],
      ['localhost:3000', 'http://localhost:3000'],
      ['127.0.0.1:3000/console', 'http://127.0.0.1:3000'],
      ['[::1]:3000', 'http://[::1]:3000'],
      ['https://[2001:db8::1]:8443/', 'https://[2001:db8::1]:8443'],
    ]
    for (const [typed, url] of cases) expect(parseBaseUrl(typed, false)).toEqual({ ok: true, url })
  })

  it('takes the user id as digits only', () => {
    const parse = (userId: unknown) =>
      newProfileSchema.safeParse({ name: 'x', baseUrl: 'https://a.b', userId, accessToken: 't' })
    expect(parse('42').data?.userId).toBe(42)
    expect(parse(' 42 ').data?.userId).toBe(42)
    expect(parse(7).data?.userId).toBe(7)
    for (const wrong of [true, [7], '0x10', '1e3', '+5', '-1', '0', 0, 1.5, '', '12a', null, 2 ** 31]) {
      const result = parse(wrong)
      expect(result.success, JSON.stringify(wrong)).toBe(false)
      expect(result.error?.issues.map((issue) => issue.message)).toContain('userId.invalid')
    }
  })
})
