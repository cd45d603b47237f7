import type PQueue from 'p-queue'
import type { Pacing } from '@shared/domain/profile'
import { windowLimit } from './pacing-budget'
import { SlidingWindow } from './sliding-window'

// One lane of a pacer (pacer.ts): a model of one of the server's limiters — its sliding window, the
// pause after a 429, the lower limit a 429 taught — plus the queue that keeps its requests in order.

export class Lane {
  readonly window: SlidingWindow
  pausedUntil = 0
  /** Consecutive 429 answers without Retry-After; grows the pause. */
  strikes = 0
  /** When the lane last met a 429 (a success after it resets the strikes). */
  refusedAt = -Infinity
  learned: number | null = null
  /** Admissions run one after another, in the order they asked. */
  private turns: Promise<unknown> = Promise.resolve()

  constructor(
    public budget: Pacing,
    readonly queue: PQueue,
  ) {
    this.window = new SlidingWindow(windowLimit(budget))
  }

  setBudget(budget: Pacing): void {
    this.budget = budget
    this.learned = null
    this.window.setLimit(windowLimit(budget))
  }

  /**
   * A 429 after `admitted` requests in the window. Taken as the server's real limit when it is below the
   * one kept to, but not below a quarter of it: a refusal that early is someone else's traffic or
   * another limiter (a proxy), which the pause covers — a limit learned from it would crawl for good.
   */
  learn(admitted: number): boolean {
    const current = Math.min(this.budget.requests, this.learned ?? Infinity)
    if (admitted >= current || admitted < Math.max(1, Math.ceil(this.window.requests / 4))) return false
    this.learned = admitted
    this.window.setLimit(windowLimit(this.budget, admitted))
    return true
  }

  inTurn<T>(step: () => Promise<T>): Promise<T> {
    const turn = this.turns.then(step)
    this.turns = turn.catch(() => undefined)
    return turn
  }
}
