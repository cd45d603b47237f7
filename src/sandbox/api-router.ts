import { checkAuth } from './auth-check'
import { getSelf, getStatus } from './info-routes'
import { notFound, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { getToken, listTokens, putToken } from './token-routes'

// Routing for /api like gin's: exact match first; otherwise the same path with the trailing slash
// toggled is a redirect (301 for GET, 307 for other methods, query kept); otherwise 404. Routing happens
// before auth, so an unknown route is a 404 even without credentials.

interface Route {
  method: string
  pattern: RegExp
  auth: boolean
  handle: (ctx: RequestContext) => Reply
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/status$/, auth: false, handle: getStatus },
  { method: 'GET', pattern: /^\/api\/user\/self$/, auth: true, handle: getSelf },
  { method: 'GET', pattern: /^\/api\/token\/$/, auth: true, handle: listTokens },
  { method: 'PUT', pattern: /^\/api\/token\/$/, auth: true, handle: putToken },
  { method: 'GET', pattern: /^\/api\/token\/([^/]+)$/, auth: true, handle: getToken },
]

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

function match(method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue
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

export function routeApi(ctx: RequestContext): Reply {
  const found = match(ctx.method, ctx.path)
  if (!found) {
    const toggled = ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : `${ctx.path}/`
    if (match(ctx.method, toggled)) return redirect(ctx, toggled)
    return notFound(ctx.method, ctx.path)
  }
  if (found.route.auth) {
    const refusal = checkAuth(ctx.headers, ctx.state)
    if (refusal) return refusal
  }
  return found.route.handle({ ...ctx, params: found.params })
}
