import { z } from 'zod'
import type { UsageCall } from '@shared/domain/token-usage'
import type { GatewayContext, Paging } from './gateway-context'
import { parseOrBadResponse } from './parse-answer'

// The user's own usage log (docs/newapi-behaviour.md §5): `GET /api/log/self` pages consumption rows
// newest first, filtered by token name and time; `GET /api/log/self/stat` sums their quota. Both are
// ordinary calls in the global bucket, paced like every other. What servers differ in:
// - paging as for tokens (1-based object with a total since 2025-06-12, 0-based bare array before);
//   the first page is asked as `p=0`, which both read as "the first page";
// - a row's `id` is shown modulo 1024 (formatUserLogs), so it cannot tell rows apart alone;
// - newer servers send a slimmer row without `token_id` — it is optional here;
// - a build (or proxy) without the routes answers 404, which the caller reports as "not offered".

/** One page is at most 100 rows (the server's cap). */
export const LOG_PAGE_SIZE = 100
/** Consumption rows (upstream LogTypeConsume): the calls billed to a token. */
const CONSUME = 2

const logRowSchema = z.looseObject({
  id: z.number().int().optional().catch(undefined),
  created_at: z.number().int(),
  model_name: z.string().nullish(),
  quota: z.number().nullish(),
  prompt_tokens: z.number().int().nullish(),
  completion_tokens: z.number().int().nullish(),
  use_time: z.number().int().nullish(),
  is_stream: z.boolean().nullish().catch(null),
  token_id: z.number().int().nullish().catch(null),
})

const pagedSchema = z.looseObject({
  total: z.number().int().nullish(),
  items: z.array(z.unknown()).nullish(),
})

export interface LogEntry extends UsageCall {
  /** null when the server's rows do not say (newer slim rows). */
  tokenId: number | null
  /** Enough to recognise the same row met twice while pages shift (ids alone repeat modulo 1024). */
  identity: string
}

export interface LogQuery {
  tokenName: string
  /** Unix seconds, both inclusive. */
  start: number
  end: number
}

export interface LogPage {
  entries: LogEntry[]
  /** null on servers that answer bare arrays. */
  total: number | null
  paging: Paging
}

function toEntry(raw: unknown): LogEntry {
  const row = parseOrBadResponse(logRowSchema, raw, 'the usage log')
  const at = row.created_at
  return {
    at,
    model: row.model_name ?? '',
    quota: row.quota ?? 0,
    promptTokens: Math.max(0, row.prompt_tokens ?? 0),
    completionTokens: Math.max(0, row.completion_tokens ?? 0),
    stream: row.is_stream ?? false,
    seconds: Math.max(0, row.use_time ?? 0),
    tokenId: row.token_id ?? null,
    identity: `${row.id ?? ''}:${at}:${row.quota ?? 0}:${row.model_name ?? ''}`,
  }
}

/** One page of the token name's consumption rows in the time range; `index` counts from 0. */
export async function readLogPage(
  ctx: GatewayContext,
  query: LogQuery,
  index: number,
  paging: Paging | null,
): Promise<LogPage> {
  const p = index === 0 ? 0 : paging === 'zero-based-array' ? index : index + 1
  const data = await ctx.http.request({
    method: 'GET',
    path: '/api/log/self',
    query: {
      p,
      page_size: LOG_PAGE_SIZE,
      type: CONSUME,
      token_name: query.tokenName,
      start_timestamp: query.start,
      end_timestamp: query.end,
    },
  })
  if (data === null || data === undefined)
    return { entries: [], total: 0, paging: paging ?? 'one-based-object' }
  if (Array.isArray(data)) return { entries: data.map(toEntry), total: null, paging: 'zero-based-array' }
  const page = parseOrBadResponse(pagedSchema, data, 'the usage log')
  return { entries: (page.items ?? []).map(toEntry), total: page.total ?? null, paging: 'one-based-object' }
}

const statSchema = z.looseObject({ quota: z.number().nullish() })

/** The quota the token name's calls in the range cost, summed by the server. */
export async function readLogQuota(ctx: GatewayContext, query: LogQuery): Promise<number> {
  const data = await ctx.http.request({
    method: 'GET',
    path: '/api/log/self/stat',
    query: {
      type: CONSUME,
      token_name: query.tokenName,
      start_timestamp: query.start,
      end_timestamp: query.end,
    },
  })
  return parseOrBadResponse(statSchema, data ?? {}, 'the usage totals').quota ?? 0
}
