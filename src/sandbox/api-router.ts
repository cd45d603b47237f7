import { checkAuth } from './auth-check'
import { getAutoGroups, getUserGroups, getUserModels } from './group-routes'
import { getSelf, getStatus } from './info-routes'
import { revealKey, revealKeys } from './key-reveal-routes'
import { getSelfLogs, getSelfLogStat } from './log-routes'
import type { ModeFeatures } from './mode-features'
import type { LimiterName } from './rate-limiter'
import { notFound, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { createToken } from './token-create'
import { deleteToken, deleteTokenBatch } from './token-delete'
import { getToken, listTokens, putToken } from './token-routes'
import { searchTokens } from './token-search'

// Routing for /api like gin's: exact match first; otherwise the same path with the trailing slash
// toggled is a redirect (301 for GET, 307 for other methods, query kept); otherwise 404. Routing happens
// before auth, so an unknown route is a 404 even without credentials. A route a mode lacks does not
// exist there at all: older servers answer 404 — or, for GET /api/token/auto-groups, treat the word as
// a token id. Middleware order is upstream's: global limit, auth, then the route's own limiter.

type FeatureFlag = {
  [K in keyof ModeFeatures]: ModeFeatures[K] extends boolean ? K : never
}[keyof ModeFeatures]

interface Route {
  method: string
  pattern: RegExp
  auth: boolean
  handle: (ctx: RequestContext) => Reply
  /** The route exists only in modes with this flag. */
  feature?: FeatureFlag
  limit?: Exclude<LimiterName, 'global'>
}

// Fixed paths before `/api/token/{id}`, as gin prefers static segments over parameters.
const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/status$/, auth: false, handle: getStatus },
  { method: 'GET', pattern: /^\/api\/user\/self$/, auth: true, handle: getSelf },
  { method: 'GET', pattern: /^\/api\/user\/models$/, auth: true, handle: getUserModels },
  { method: 'GET', pattern: /^\/api\/user\/self\/groups$/, auth: true, handle: getUserGroups },
  { method: 'GET', pattern: /^\/api\/log\/self$/, auth: true, handle: getSelfLogs, feature: 'usageLogs' },
  {
    method: 'GET',
    pattern: /^\/api\/log\/self\/stat$/,
    auth: true,
    handle: getSelfLogStat,
    feature: 'usageLogs',
  },
  { method: 'GET', pattern: /^\/api\/token\/$/, auth: true, handle: listTokens },
  { method: 'POST', pattern: /^\/api\/token\/$/, auth: true, handle: createToken },
  { method: 'PUT', pattern: /^\/api\/token\/$/, auth: true, handle: putToken },
  { method: 'GET', pattern: /^\/api\/token\/search$/, auth: true, handle: searchTokens, limit: 'search' },
  {
    method: 'GET',
    pattern: /^\/api\/token\/auto-groups$/,
    auth: true,
    handle: getAutoGroups,
    feature: 'autoGroups',
  },
  {
    method: 'POST',
    pattern: /^\/api\/token\/batch$/,
    auth: true,
    handle: deleteTokenBatch,
    feature: 'batchDelete',
  },
  {
    method: 'POST',
    pattern: /^\/api\/token\/batch\/keys$/,
    auth: true,
    handle: revealKeys,
    feature: 'batchKeyReveal',
    limit: 'critical',
  },
  {
    method: 'POST',
    pattern: /^\/api\/token\/([^/]+)\/key$/,
    auth: true,
    handle: revealKey,
    feature: 'keyReveal',
    limit: 'critical',
  },
  { method: 'GET', pattern: /^\/api\/token\/([^/]+)$/, auth: true, handle: getToken },
  { method: 'DELETE', pattern: /^\/api\/token\/([^/]+)$/, auth: true, handle: deleteToken },
]

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

function match(
  method: string,
  path: string,
  features: ModeFeatures,
): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    if (route.method !== method || (route.feature && !features[route.feature])) continue
    const found = route.pattern.exec(path)
    if (found) return { route, params: found.slice(1).map(safeDecode) }
  }
  return null
}

function redirect(ctx: RequestContext, location: string): Reply {
  const target = location + ctx.search
  const status = ctx.method === 'GET' ? 301 : 307
  return { status, headers: { location: target }, html: `<a href="${target}">Moved</a>.\n` }
}

/** 429 with an empty body; Retry-After only where the mode sends it (since 2026-07-21). */
function throttle(ctx: RequestContext, limiter: LimiterName, key: string): Reply | null {
  const retryAfter = ctx.state.limiters[limiter].take(key)
  if (retryAfter === null) return null
  const headers: Record<string, string> = ctx.state.features.retryAfter
    ? { 'retry-after': String(retryAfter) }
    : {}
  return { status: 429, headers }
}

export function routeApi(ctx: RequestContext): Reply {
  const { features } = ctx.state
  const found = match(ctx.method, ctx.path, features)
  if (!found) {
    const toggled = ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : `${ctx.path}/`
    if (match(ctx.method, toggled, features)) return redirect(ctx, toggled)
    return notFound(ctx.method, ctx.path)
  }
  const { route } = found
  const globallyLimited = throttle(ctx, 'global', ctx.clientIp)
  if (globallyLimited) return globallyLimited
  if (route.auth) {
    const refusal = checkAuth(ctx.headers, ctx.state)
    if (refusal) return refusal
  }
  if (route.limit) {
    // The search limiter counts per user, the critical one per client IP.
    const key = route.limit === 'search' ? `user:${ctx.state.user.id}` : ctx.clientIp
    const limited = throttle(ctx, route.limit, key)
    if (limited) return limited
  }
  return route.handle({ ...ctx, params: found.params })
}
