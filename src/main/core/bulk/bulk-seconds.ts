import { leastSeconds } from '@shared/domain/bulk-estimate'
import type { BucketBudget } from '../gateway/pacer'
import { MAX_PAGE_SIZE } from '../gateway/token-pages'

// The least seconds a job's remaining tokens need at the server's pace, from what the pacer's window has
// left now: a write each (and a page read per 100 tokens), or a read and a write each without page reads.

export function secondsLeft(tokens: number, pageReads: boolean, budget: BucketBudget, now: number): number {
  const requests = pageReads ? tokens + Math.ceil(tokens / MAX_PAGE_SIZE) : 2 * tokens
  if (requests <= budget.left) return 0
  const untilFree = budget.nextFreeAt === null ? 0 : Math.max(0, budget.nextFreeAt - now) / 1000
  const pace = { requests: budget.limit, windowSeconds: budget.windowSeconds }
  return untilFree + leastSeconds(requests - budget.left, pace)
}
