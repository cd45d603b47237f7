import type { FaultKind, FaultOptions, SandboxFault } from './faults'
import type { UsageOptions } from './token-usage'

// Validation of the JSON bodies the /__sandbox/ control surface accepts. Each parser returns the typed
// value or a message saying what shape was expected.

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value)

/** Fields each fault kind requires besides `kind`; optional ones are checked when present. */
const FAULT_FIELDS: Record<FaultKind, { required: string[]; optional: string[] }> = {
  status: { required: ['status'], optional: ['retryAfter'] },
  html: { required: ['status'], optional: [] },
  'invalid-json': { required: [], optional: [] },
  truncated: { required: [], optional: [] },
  reset: { required: [], optional: [] },
  hang: { required: [], optional: [] },
  slow: { required: ['ms'], optional: [] },
  oversized: { required: ['bytes'], optional: [] },
  'envelope-missing': { required: [], optional: [] },
  'wrong-types': { required: [], optional: [] },
}

export function parseFault(body: unknown): Parsed<{ fault: SandboxFault; options: FaultOptions }> {
  const problem = (message: string) => ({ ok: false as const, message })
  if (!isObject(body) || !isObject(body.fault)) return problem('body must be {"fault": {"kind": ...}, ...}')
  const fault = body.fault
  const spec = FAULT_FIELDS[fault.kind as FaultKind] as (typeof FAULT_FIELDS)[FaultKind] | undefined
  if (!spec) return problem(`fault.kind must be one of ${Object.keys(FAULT_FIELDS).join(', ')}`)
  for (const field of spec.required) {
    if (!isInt(fault[field]) || (fault[field] as number) < 0)
      return problem(`fault.${field} must be a non-negative integer`)
  }
  for (const field of spec.optional) {
    if (field in fault && !isInt(fault[field])) return problem(`fault.${field} must be an integer`)
  }
  const options: FaultOptions = {}
  if (body.times !== undefined) {
    if (!isInt(body.times) || body.times < 1) return problem('times must be a positive integer')
    options.times = body.times
  }
  for (const field of ['path', 'method'] as const) {
    if (body[field] === undefined) continue
    if (typeof body[field] !== 'string') return problem(`${field} must be a string`)
    options[field] = body[field]
  }
  if (body.processed !== undefined) {
    if (typeof body.processed !== 'boolean') return problem('processed must be a boolean')
    options.processed = body.processed
  }
  return { ok: true, value: { fault: fault as unknown as SandboxFault, options } }
}

export function parseUsage(body: unknown): Parsed<UsageOptions> {
  const expected =
    'body must be {"tokenIds": [<integer>...], "quotaPerTick": <integer>, "intervalMs": <integer>}'
  if (!isObject(body)) return { ok: false, message: expected }
  const { tokenIds, quotaPerTick, intervalMs } = body
  const valid =
    Array.isArray(tokenIds) &&
    tokenIds.every(isInt) &&
    isInt(quotaPerTick) &&
    quotaPerTick >= 0 &&
    isInt(intervalMs) &&
    intervalMs >= 1
  if (!valid) return { ok: false, message: expected }
  return { ok: true, value: { tokenIds: tokenIds as number[], quotaPerTick, intervalMs } }
}
