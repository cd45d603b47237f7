// The server's own usage log (upstream model/log.go, table `logs`): one row per relay call, written as
// the call is billed. Rows are kept oldest first with an auto-increment id, like the table; queries
// answer newest first (`ORDER BY id DESC`), as upstream's GetUserLogs does.

/** Upstream's log types (model/log.go); only consumption rows carry usage. */
export const LOG_TYPE = { topup: 1, consume: 2, manage: 3, system: 4, error: 5, refund: 6 } as const

/** A row of upstream's `logs` table with the JSON names its model.Log carries. */
export interface LogRow {
  id: number
  user_id: number
  /** Unix seconds. */
  created_at: number
  type: number
  content: string
  username: string
  token_name: string
  model_name: string
  quota: number
  prompt_tokens: number
  completion_tokens: number
  /** Whole seconds the call took. */
  use_time: number
  is_stream: boolean
  /** The channel's id (`ChannelId` upstream, sent as "channel"). */
  channel: number
  token_id: number
  group: string
  ip: string
  /** A JSON object as text (ratios and timings), as upstream stores it. */
  other: string
}

export type NewLogRow = Omit<LogRow, 'id'>

export interface LogFilter {
  userId: number
  /** 0 = every type (LogTypeUnknown). */
  type: number
  /** Exact match; '' = no filter. */
  tokenName: string
  /** A SQL LIKE pattern (`%` and `_` are wildcards upstream); '' = no filter. */
  modelName: string
  /** Exact match; '' = no filter. */
  group: string
  /** Unix seconds; 0 = no bound. */
  start: number
  end: number
}

/** SQL LIKE without escapes, as gorm passes the user's text through: `%` any run, `_` any one. */
function likeMatcher(pattern: string): (value: string) => boolean {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const source = pattern
    .split('%')
    .map((part) => part.split('_').map(literal).join('.'))
    .join('.*')
  const regexp = new RegExp(`^${source}$`, 'is')
  return (value) => regexp.test(value)
}

export class UsageLog {
  private readonly rows: LogRow[] = []
  private nextId = 1

  append(row: NewLogRow): LogRow {
    const stored = { id: this.nextId++, ...row }
    this.rows.push(stored)
    return stored
  }

  /**
   * Rows from before any the log holds (a seeded history): merged by time and every id given again in
   * that order, as if the server had written them all along.
   */
  insertPast(rows: readonly NewLogRow[]): void {
    const merged = [...rows.map((row) => ({ id: 0, ...row })), ...this.rows].sort(
      (a, b) => a.created_at - b.created_at || a.id - b.id,
    )
    this.rows.length = 0
    this.nextId = 1
    for (const { id: _old, ...row } of merged) this.append(row)
  }

  /** Rows matching the filter, newest first. Copies: callers cannot change the log. */
  query(filter: LogFilter): LogRow[] {
    const model = filter.modelName === '' ? null : likeMatcher(filter.modelName)
    const found: LogRow[] = []
    for (let i = this.rows.length - 1; i >= 0; i -= 1) {
      const row = this.rows[i] as LogRow
      if (row.user_id !== filter.userId) continue
      if (filter.type !== 0 && row.type !== filter.type) continue
      if (filter.tokenName !== '' && row.token_name !== filter.tokenName) continue
      if (model && !model(row.model_name)) continue
      if (filter.group !== '' && row.group !== filter.group) continue
      if (filter.start !== 0 && row.created_at < filter.start) continue
      if (filter.end !== 0 && row.created_at > filter.end) continue
      found.push({ ...row })
    }
    return found
  }

  /** Every row, oldest first (copies). */
  all(): LogRow[] {
    return this.rows.map((row) => ({ ...row }))
  }
}
