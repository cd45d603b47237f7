import { AppError } from '@shared/result'
import type { GatewayClient } from '../gateway/gateway-client'
import { LOG_PAGE_SIZE, type LogEntry, type LogQuery } from '../gateway/usage-logs'

// How much of a token's usage log one view reads. The log is read newest first, a page of 100 rows per
// request, in the global bucket that every other call shares (360 per 180 s by default, minus a reserve
// for the user's browser). A view reads at most MAX_LOG_PAGES pages — 1000 calls, under 3% of that
// window — which covers a month of a token making ~30 calls a day; a busier token's older buckets are
// reported as not read rather than spending the listing's and the outbox's budget on them.
// The first page tells the total (current servers), then the others go at once and the pacer admits
// them as its window allows; servers answering bare arrays are read page by page until a short one.
// A later page refused (rate limited, timed out) ends the reading with what came before it.
// The range's end is fixed before the first page, so calls made meanwhile do not push rows to later
// pages — except within that last second, which is why rows met twice are recognised and kept once.

export const MAX_LOG_PAGES = 10

export interface UsageLogRead {
  /** Newest first, each row once. */
  entries: LogEntry[]
  /** Rows the server counts for the query; null on servers that answer bare arrays. */
  total: number | null
  /** Every row of the range was read. */
  complete: boolean
  /** Requests sent. */
  spent: number
}

/** Failures of a later page that end the reading quietly (the first page's failures are the caller's). */
const STOPS_READING: ReadonlySet<string> = new Set(['rate-limited', 'timeout', 'server', 'offline'])

export async function readUsageLog(client: GatewayClient, query: LogQuery): Promise<UsageLogRead> {
  const first = await client.usageLogPage(query, 0, null)
  const pages = [first.entries]
  let spent = 1
  let complete: boolean
  if (first.total !== null) {
    const wanted = Math.ceil(first.total / LOG_PAGE_SIZE)
    const count = Math.min(wanted, MAX_LOG_PAGES)
    const rest = await Promise.allSettled(
      Array.from({ length: Math.max(0, count - 1) }, (_, offset) =>
        client.usageLogPage(query, offset + 1, first.paging),
      ),
    )
    spent += rest.length
    complete = wanted <= MAX_LOG_PAGES
    for (const outcome of rest) {
      if (outcome.status === 'rejected') {
        if (!isStop(outcome.reason)) throw outcome.reason
        complete = false
        break
      }
      pages.push(outcome.value.entries)
    }
  } else {
    let last = first.entries
    complete = last.length < LOG_PAGE_SIZE
    for (let index = 1; !complete && index < MAX_LOG_PAGES; index += 1) {
      try {
        last = (await client.usageLogPage(query, index, first.paging)).entries
      } catch (error) {
        if (!isStop(error)) throw error
        break
      } finally {
        spent += 1
      }
      pages.push(last)
      complete = last.length < LOG_PAGE_SIZE
    }
  }
  const seen = new Set<string>()
  const entries = pages.flat().filter((entry) => !seen.has(entry.identity) && seen.add(entry.identity))
  return { entries, total: first.total, complete, spent }
}

const isStop = (error: unknown): boolean => error instanceof AppError && STOPS_READING.has(error.code)
