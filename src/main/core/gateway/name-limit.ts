import { NAME_BYTES_BEFORE_2025_12, NAME_BYTES_CURRENT } from '@shared/domain/server-facts'
import { utf8Bytes } from '@shared/domain/token-fields'
import type { Token } from '@shared/domain/token'
import { AppError } from '@shared/result'
import type { GatewayContext, Paging } from './gateway-context'

// How long a token name may be on this server. No route says it: 30 UTF-8 bytes before 2025-12-04, 50
// since (docs/newapi-behaviour.md §4). Detection dates the server by what it shows (detect-features.ts):
// 0-based bare lists are older than 2025-06-12 (30); Auto groups, masked keys and exact search are all
// after 2026-02 (50); a row carrying `cross_group_retry` is from 2025-12-12 on (50); a server between
// those without a row to look at is assumed current — and its own refusal corrects that (below).

export interface NameLimitClues {
  paging: Paging
  /** Auto groups, masked keys or exact search seen: a server from 2026-02 on. */
  recent: boolean
  /** The rows the probe saw (at most one). */
  rows: readonly Token[]
}

export function detectNameLimit(clues: NameLimitClues): number {
  if (clues.recent) return NAME_BYTES_CURRENT
  if (clues.paging === 'zero-based-array') return NAME_BYTES_BEFORE_2025_12
  if (clues.rows.length === 0) return NAME_BYTES_CURRENT
  return clues.rows.some((row) => 'cross_group_retry' in row) ? NAME_BYTES_CURRENT : NAME_BYTES_BEFORE_2025_12
}

/** upstream's refusal of a name over its limit (create and update; hard-coded Chinese on every version). */
const NAME_TOO_LONG = '令牌名称过长'

/**
 * A create or update was refused. When the refusal is "name too long" for a name within what TokenDesk
 * believed the limit to be, the server is of the older generation: remember its 30 bytes, so the editor
 * counts and checks against that from now on. The refusal itself still reaches the user as it was. (The
 * only message text read besides auth failures: it teaches a limit, it never decides what is sent.)
 */
export function learnNameLimit(ctx: GatewayContext, error: unknown, name: string): void {
  if (!(error instanceof AppError) || error.code !== 'validation') return
  if (!error.message.includes(NAME_TOO_LONG)) return
  const bytes = utf8Bytes(name)
  const known = ctx.features()?.maxNameBytes ?? NAME_BYTES_CURRENT
  if (bytes <= known && bytes > NAME_BYTES_BEFORE_2025_12)
    ctx.learn({ maxNameBytes: NAME_BYTES_BEFORE_2025_12 })
}
