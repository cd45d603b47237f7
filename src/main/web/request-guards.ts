import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import ipaddr from 'ipaddr.js'

// Pure checks the browser host runs on every request before doing anything else. The host listens only on
// 127.0.0.1, but a page on any website can still make the user's browser talk to it, so:
// - Host must name this server exactly (defeats DNS rebinding: evil.com re-pointed at 127.0.0.1 still
//   sends `Host: evil.com`);
// - Origin, when the browser sends one, must be this server (defeats cross-site requests);
// - every API call carries the per-launch secret, which only the page opened from the printed URL knows.
// Node's parser is lenient where these checks need it strict: it keeps the first of two Host headers and
// hands an absolute-form target (`GET http://evil.com/ HTTP/1.1`) through as the URL, so both are refused
// here before the Host check reads `req.headers.host`.

/** A fresh per-launch secret: 32 random bytes, base64url (safe in a URL fragment and a header). */
export function createSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** True when the Host header is exactly `127.0.0.1:<port>` or `localhost:<port>`. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`
}

/**
 * True when the raw header list names Host exactly once. With two, Node reports only the first, while a
 * proxy or cache in front may have used the other: the request means different things to different
 * readers, so it is refused rather than guessed.
 */
export function hasSingleHost(rawHeaders: readonly string[]): boolean {
  let hosts = 0
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'host') hosts++
  return hosts === 1
}

/**
 * The path of an origin-form request target (`/path?query`), or null for any other form: absolute-form
 * (`http://evil.com/`, proxy style — it names a different server than Host), asterisk-form (`*`),
 * authority-form (CONNECT), and targets that a URL parser would resolve onto another host (`//evil.com/`,
 * `/\evil.com`).
 */
export function originFormPath(target: string | undefined, hostHeader: string): string | null {
  if (!target?.startsWith('/')) return null
  const base = `http://${hostHeader}`
  let parsed: URL
  try {
    parsed = new URL(target, base)
  } catch {
    return null
  }
  return parsed.origin === new URL(base).origin ? parsed.pathname : null
}

/**
 * True for a loopback peer (127.0.0.0/8, ::1, or IPv4-mapped ::ffff:127.x). The server binds 127.0.0.1,
 * so another peer should be impossible; checking anyway keeps a future bind change (0.0.0.0, a proxy
 * setup) from quietly exposing the core to the network.
 */
export function isLoopbackPeer(remoteAddress: string | undefined): boolean {
  if (!remoteAddress || !ipaddr.isValid(remoteAddress)) return false
  return ipaddr.process(remoteAddress).range() === 'loopback'
}

/** No Origin header (same-origin GETs, curl) is fine; otherwise it must be this server as the page saw it. */
export function isAllowedOrigin(originHeader: string | undefined, hostHeader: string): boolean {
  return originHeader === undefined || originHeader === `http://${hostHeader}`
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()

/**
 * Checks `Authorization: Bearer <secret>` in constant time. Both sides are hashed first so the comparison
 * has a fixed length and reveals nothing about the secret's length either.
 */
export function hasValidSecret(authorizationHeader: string | undefined, secret: string): boolean {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorizationHeader ?? '')
  const presented = match?.[1] ?? ''
  return timingSafeEqual(digest(presented), digest(secret)) && presented.length > 0
}
