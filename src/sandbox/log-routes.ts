import { goAtoiIgnoringError } from './go-atoi'
import { ok, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { pageQuery, sqlSlice } from './token-page'
import { LOG_TYPE, type LogFilter, type LogRow } from './usage-log'

// The user's own usage logs (docs/newapi-behaviour.md §5; upstream controller/log.go GetUserLogs and
// GetLogsSelfStat, model/log.go). Filters: `type` (0 or junk = every type), `token_name` (exact),
// `model_name` (SQL LIKE), `group`, `start_timestamp`/`end_timestamp` (unix seconds, inclusive; 0 or junk
// = no bound). Paging as for tokens: 1-based `p` with `page_size` and `{page, page_size, total, items}`;
// servers before 2025-06-12 read `p` 0-based and answer the bare array. Quirks kept, as clients meet them:
// - a row's `id` is the real id modulo 1024 (formatUserLogs), so ids repeat and cannot tell rows apart;
// - `channel_name` is blanked and `admin_info` is dropped from `other` for a user's own logs;
// - token names are not unique: `token_name` matches every token of that name (rows carry `token_id`).
// The stat sums the quota of consumption rows matching the filters (whatever `type` says) and counts
// the calls (rpm) and tokens (tpm) of the last 60 seconds — those ignore the time bounds.

/** Go's `strconv.ParseInt(s, 10, 64)` with its error ignored: 0 for junk. */
function int64Query(query: URLSearchParams, name: string): number {
  return goAtoiIgnoringError(query.get(name))
}

function filterOf({ query, state }: RequestContext): LogFilter {
  return {
    userId: state.user.id,
    type: goAtoiIgnoringError(query.get('type')),
    tokenName: query.get('token_name') ?? '',
    modelName: query.get('model_name') ?? '',
    group: query.get('group') ?? '',
    start: int64Query(query, 'start_timestamp'),
    end: int64Query(query, 'end_timestamp'),
  }
}

/** What a user sees of a row (formatUserLogs). */
function userView(row: LogRow): LogRow & { channel_name: string } {
  let other = row.other
  try {
    const parsed = JSON.parse(row.other) as Record<string, unknown> | null
    if (parsed && typeof parsed === 'object') {
      delete parsed.admin_info
      other = JSON.stringify(parsed)
    }
  } catch {
    // Upstream leaves text it cannot read as a map to MapToJsonStr(nil): "null".
    other = 'null'
  }
  return { ...row, id: row.id % 1024, channel_name: '', other }
}

export function getSelfLogs(ctx: RequestContext): Reply {
  const { query, state } = ctx
  const rows = state.usage.query(filterOf(ctx))
  const { page, pageSize } = pageQuery(query)
  if (!state.features.pagedLists) {
    const size = pageSize < 1 ? 10 : pageSize
    const index = Math.max(0, goAtoiIgnoringError(query.get('p')))
    return ok(rows.slice(index * size, (index + 1) * size).map(userView))
  }
  const items = sqlSlice(rows, (page - 1) * pageSize, pageSize).map(userView)
  return ok({ page, page_size: pageSize, total: rows.length, items })
}

export function getSelfLogStat(ctx: RequestContext): Reply {
  const filter = { ...filterOf(ctx), type: LOG_TYPE.consume }
  const quota = ctx.state.usage.query(filter).reduce((sum, row) => sum + row.quota, 0)
  const minuteAgo = Math.floor(Date.now() / 1000) - 60
  const recent = ctx.state.usage.query({ ...filter, start: minuteAgo, end: 0 })
  const tpm = recent.reduce((sum, row) => sum + row.prompt_tokens + row.completion_tokens, 0)
  return ok({ quota, rpm: recent.length, tpm })
}
