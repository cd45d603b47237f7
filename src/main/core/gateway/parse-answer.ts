import type { z } from 'zod'
import { AppError } from '@shared/result'
import { tokenSchema, type Token } from '@shared/domain/token'

// Every answer is parsed with zod, tolerantly: unknown (fork) fields are kept so a full update can pass
// them back, and `null` is accepted wherever some server generation sends it.

export function parseOrBadResponse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw new AppError('bad-response', `The server sent ${what} in an unexpected shape.`)
  return parsed.data
}

/**
 * Fields the token schema gives a default: a server (or fork) that sends `null` for them means "empty",
 * so null becomes absent and the default applies. Fields that are nullable on purpose (model_limits,
 * allow_ips, group, auto_groups, selected_groups and unknown ones) keep their null.
 */
const DEFAULTED_FIELDS = [
  'key',
  'name',
  'created_time',
  'accessed_time',
  'used_quota',
  'model_limits_enabled',
] as const

export function parseToken(data: unknown, what = 'a token'): Token {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const record = { ...(data as Record<string, unknown>) }
    for (const field of DEFAULTED_FIELDS) if (record[field] === null) delete record[field]
    return parseOrBadResponse(tokenSchema, record, what)
  }
  return parseOrBadResponse(tokenSchema, data, what)
}

export function parseTokens(items: readonly unknown[]): Token[] {
  return items.map((item) => parseToken(item))
}

/** A masked key (since 2026-03-08) shows first 4 + stars + last 4: any `*` means it is not the key. */
export const isMaskedKey = (key: string): boolean => key.includes('*')

/** Keys travel without `sk-`; the UIs and every OpenAI client want it. */
export const withSkPrefix = (key: string): string => (key.startsWith('sk-') ? key : `sk-${key}`)
