// What the user typed as a server's address, turned into the one base URL TokenDesk calls: scheme, host
// and port, plus a path only where the gateway itself lives under one (behind a reverse proxy). People
// paste whatever their browser shows — the token page of the web UI, the OpenAI-style `/v1` address they
// hand to customers, an `/api/...` route — so those known tails are cut off.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/**
 * Path segments where a new-api address stops and one of its routes begins: the API (`api`), the relay
 * for customers (`v1`, `v1beta`, `mj`, `pg`) and the pages of both web UI generations.
 */
const ROUTE_SEGMENTS = new Set([
  'api',
  'v1',
  'v1beta',
  'mj',
  'pg',
  'console',
  'login',
  'register',
  'token',
  'channel',
  'log',
  'setting',
  'topup',
  'user',
  'detail',
  'redemption',
  'pricing',
  'about',
  'chat',
  'playground',
])

/** The gateway's own path prefix: everything before the first route segment, without a trailing slash. */
function gatewayPath(pathname: string): string {
  const kept: string[] = []
  for (const segment of pathname.split('/').filter((part) => part !== '')) {
    if (ROUTE_SEGMENTS.has(segment.toLowerCase())) break
    kept.push(segment)
  }
  return kept.length ? `/${kept.join('/')}` : ''
}

export type ParsedBaseUrl = { ok: true; url: string } | { ok: false; key: string }

/**
 * Parses a server address. `http://` is accepted only for loopback or when the user explicitly accepted
 * the warning that the access token would travel unencrypted (per server).
 */
export function parseBaseUrl(text: string, allowInsecureHttp: boolean): ParsedBaseUrl {
  let url: URL
  const trimmed = text.trim()
  try {
    // "gw.example.com" (or "gw.example.com:8443") alone is how people write addresses: https is what
    // they mean. Anything else with a scheme ("javascript:", "ftp://") is parsed as it is, and refused.
    const hasScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed)
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`)
  } catch {
    return { ok: false, key: 'baseUrl.invalid' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, key: 'baseUrl.protocol' }
  if (!url.hostname) return { ok: false, key: 'baseUrl.invalid' }
  if (url.username || url.password) return { ok: false, key: 'baseUrl.credentials' }
  if (url.search) return { ok: false, key: 'baseUrl.query' }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    return { ok: false, key: 'baseUrl.insecure' }
  }
  return { ok: true, url: url.origin + gatewayPath(url.pathname) }
}

/** http:// to anything but this computer: the access token would cross the network in plain text. */
export function needsInsecureConsent(text: string): boolean {
  const parsed = parseBaseUrl(text, true)
  if (!parsed.ok) return false
  const url = new URL(parsed.url)
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname)
}
