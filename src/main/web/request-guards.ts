import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

// Pure checks the browser host runs on every request before doing anything else. The host listens only on
// 127.0.0.1, but a page on any website can still make the user's browser talk to it, so:
// - Host must name this server exactly (defeats DNS rebinding: evil.com re-pointed at 127.0.0.1 still
//   sends `Host: evil.com`);
// - Origin, when the browser sends one, must be this server (defeats cross-site requests);
// - every API call carries the per-launch secret, which only the page opened from the printed URL knows.

/** A fresh per-launch secret: 32 random bytes, base64url (safe in a URL fragment and a header). */
export function createSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** True when the Host header is exactly `127.0.0.1:<port>` or `localhost:<port>`. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`
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
