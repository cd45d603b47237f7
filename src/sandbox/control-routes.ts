import type { Reply } from './reply'
import type { SandboxControl } from './sandbox-control'

// The HTTP face of SandboxControl under /__sandbox/, for people running `npm run sandbox` by hand and
// for tests in another process. No auth (loopback test server), no envelope: plain JSON. It lives
// outside /api/ so no client route can ever reach it.

export const CONTROL_PREFIX = '/__sandbox/'

const json = (status: number, body: unknown): Reply => ({ status, body })
const problem = (status: number, message: string): Reply => json(status, { error: message })

function consume(control: SandboxControl, idText: string, body: unknown): Reply {
  const id = Number(idText)
  const quota = (body as { quota?: unknown } | null)?.quota
  if (typeof quota !== 'number' || !Number.isInteger(quota))
    return problem(400, 'body must be {"quota": <integer>}')
  if (!control.token(id)) return problem(404, `no token ${idText}`)
  control.consume(id, quota)
  return json(200, control.token(id))
}

function setUser(control: SandboxControl, body: unknown): Reply {
  const patch = (body ?? {}) as { status?: unknown; role?: unknown }
  const valid = (value: unknown) =>
    value === undefined || (typeof value === 'number' && Number.isInteger(value))
  if (typeof patch !== 'object' || !valid(patch.status) || !valid(patch.role)) {
    return problem(400, 'body must be {"status"?: <integer>, "role"?: <integer>}')
  }
  return json(
    200,
    control.setUser({ status: patch.status as number | undefined, role: patch.role as number | undefined }),
  )
}

export function routeControl(control: SandboxControl, method: string, path: string, body: unknown): Reply {
  const rest = path.slice(CONTROL_PREFIX.length)
  if (method === 'GET' && rest === 'tokens') return json(200, control.tokens())
  const consumeMatch = /^tokens\/(\d+)\/consume$/.exec(rest)
  if (method === 'POST' && consumeMatch) return consume(control, consumeMatch[1] ?? '', body)
  if (method === 'GET' && rest === 'requests') return json(200, control.requests())
  if (method === 'DELETE' && rest === 'requests') {
    control.clearRequests()
    return json(200, { cleared: true })
  }
  if (method === 'POST' && rest === 'user') return setUser(control, body)
  return problem(404, `unknown sandbox control route ${method} ${path}`)
}
