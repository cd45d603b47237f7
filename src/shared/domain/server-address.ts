// What the user typed as a server's address, turned into the one base URL TokenDesk calls: scheme, host
// and port, plus a path only where the gateway itself lives under one (behind a reverse proxy). People
// paste whatever their browser shows — the token page of the web UI, the OpenAI-style `/v1` address they
// hand to customers, an `/api/...` route — so those known tails are cut off, and nothing else is.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** The customer-facing relay (OpenAI-style `/v1`, Midjourney `/mj`, …): it and all after it. */
const RELAY = /\/(v1|v1beta|mj|pg)(\/.*)?$/i
/** The new web UI's pages: `/console` and all after it. */
const CONSOLE = /\/console(\/.*)?$/i
/** The API itself: `/api` at the end, or followed by one of new-api's own resources. */
const API =
  /\/api(\/(status|user|token|log|option|channel|group|models|pricing|redemption|topup|notice|about|setup|oauth|verification|reset_password|data|task|mj|prefill_group|ratio_config)(\/.*)?)?$/i
/** The classic web UI's pages, only as the last segment (a gateway may well live under `/user/gw`). */
const CLASSIC_PAGE =
  /\/(token|channel|log|setting|topup|user|detail|redemption|pricing|about|chat|playground|login|register)$/i

/**
 * The gateway's own path prefix: the path without the route a pasted address ended in, without a
 * trailing slash. Only known tails are cut, so a prefix such as `/api/newapi` or `/user/gw` stays.
 */
function gatewayPath(pathname: string): string {
  let path = pathname.replace(/\/+$/, '')
  for (const tail of [RELAY, CONSOLE, API, CLASSIC_PAGE]) path = path.replace(tail, '').replace(/\/+$/, '')
  return path
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
    // A bare "localhost:3000" is a gateway on this computer, which rarely speaks https.
    if (!hasScheme && isLoopbackHost(url.hostname)) url = new URL(`http://${trimmed}`)
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

/** Whether a typed (normalised) address is a saved one, as saved then or as it normalises now. */
export function isSavedAddress(saved: string, typed: string): boolean {
  if (typed === saved) return true
  const normalised = parseBaseUrl(saved, true)
  return normalised.ok && normalised.url === typed
}

/** http:// to anything but this computer: the access token would cross the network in plain text. */
export function needsInsecureConsent(text: string): boolean {
  const parsed = parseBaseUrl(text, true)
  if (!parsed.ok) return false
  const url = new URL(parsed.url)
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname)
}
