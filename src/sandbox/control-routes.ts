import { parseFault, parseUsage } from './control-parse'
import type { Reply } from './reply'
import type { SandboxControl } from './sandbox-control'

// The HTTP face of SandboxControl under /__sandbox/, for people running `npm run sandbox` by hand and
// for tests in another process. No auth (loopback test server), no envelope: plain JSON. It lives
// outside /api/ so no client route can ever reach it.

export const CONTROL_PREFIX = '/__sandbox/'

const json = (status: number, body: unknown): Reply => ({ status, body })
const problem = (status: number, message: string): Reply => json(status, { error: message })

function drawOrUse(control: SandboxControl, verb: string, idText: string, body: unknown): Reply {
  const id = Number(idText)
  const quota = (body as { quota?: unknown } | null)?.quota
  if (typeof quota !== 'number' || !Number.isInteger(quota))
    return problem(400, 'body must be {"quota": <integer>}')
  if (!control.token(id)) return problem(404, `no token ${idText}`)
  if (verb === 'consume') {
    control.consume(id, quota)
    return json(200, control.token(id))
  }
  const outcome = control.use(id, quota)
  return json(200, { outcome, token: control.token(id) })
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

function injectFault(control: SandboxControl, body: unknown): Reply {
  const parsed = parseFault(body)
  if (!parsed.ok) return problem(400, parsed.message)
  control.injectFault(parsed.value.fault, parsed.value.options)
  return json(200, { pending: control.pendingFaults() })
}

function startUsage(control: SandboxControl, body: unknown): Reply {
  const parsed = parseUsage(body)
  if (!parsed.ok) return problem(400, parsed.message)
  control.startUsage(parsed.value)
  return json(200, { started: true })
}

function setFlag(body: unknown, field: string, apply: (value: number | boolean) => void): Reply {
  const value = (body as Record<string, unknown> | null)?.[field]
  const expected = field === 'enabled' ? 'boolean' : 'number'
  if (typeof value !== expected || (typeof value === 'number' && !(value >= 0)))
    return problem(400, `body must be {"${field}": <${expected}>}`)
  apply(value as number | boolean)
  return json(200, { [field]: value })
}

export function routeControl(control: SandboxControl, method: string, path: string, body: unknown): Reply {
  const rest = path.slice(CONTROL_PREFIX.length)
  const route = `${method} ${rest}`
  if (route === 'GET tokens') return json(200, control.tokens())
  if (route === 'GET tokens/deleted') return json(200, control.deletedTokens())
  const tokenVerb = /^POST tokens\/(\d+)\/(consume|use)$/.exec(route)
  if (tokenVerb) return drawOrUse(control, tokenVerb[2] ?? '', tokenVerb[1] ?? '', body)
  if (route === 'GET requests') return json(200, control.requests())
  if (route === 'DELETE requests') {
    control.clearRequests()
    return json(200, { cleared: true })
  }
  if (route === 'POST user') return setUser(control, body)
  if (route === 'POST faults') return injectFault(control, body)
  if (route === 'GET faults') return json(200, { pending: control.pendingFaults() })
  if (route === 'DELETE faults') {
    control.clearFaults()
    return json(200, { pending: 0 })
  }
  if (route === 'POST usage') return startUsage(control, body)
  if (route === 'DELETE usage') {
    control.stopUsage()
    return json(200, { stopped: true })
  }
  if (route === 'POST status-on-use')
    return setFlag(body, 'enabled', (value) => control.markStatusOnUse(value as boolean))
  if (route === 'POST latency') return setFlag(body, 'ms', (value) => control.setLatency(value as number))
  return problem(404, `unknown sandbox control route ${method} ${path}`)
}
