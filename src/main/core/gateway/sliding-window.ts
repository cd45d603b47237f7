// The client's model of one of the server's limiters: at most `requests` sends in any sliding window of
// `windowMs` (docs/newapi-behaviour.md §3 — new-api counts a sliding log per client IP; a client that keeps
// to it is safe with the fixed-window Redis variant too). The model keeps the send times of the last
// window; the whole allowance may go at once, and the next send waits until the oldest one leaves.

export interface WindowLimit {
  /** Sends a request may start within: the model's cap (the server's limit less a reserve). */
  requests: number
  windowMs: number
  /**
   * The server's own limit, at least `requests`: the later requests of a group admitted together (a
   * read and its write) may reach into the reserve, so a read is never kept from the write built on it.
   * Absent: no reserve.
   */
  ceiling?: number
}

interface Send {
  at: number
  /** Order of admission: sends in one millisecond still have one. */
  seq: number
}

export class SlidingWindow {
  private sends: Send[] = []
  private nextSeq = 0

  constructor(private limit: WindowLimit) {}

  get requests(): number {
    return this.limit.requests
  }

  get windowMs(): number {
    return this.limit.windowMs
  }

  /** A changed limit keeps the send times already recorded: they still count on the server. */
  setLimit(limit: WindowLimit): void {
    this.limit = limit
  }

  /**
   * Milliseconds until `cost` more sends fit — the first within the cap, the rest within the ceiling;
   * 0 when they fit now.
   */
  waitMs(cost: number, now: number): number {
    this.forget(now)
    const ceiling = Math.max(this.limit.requests, this.limit.ceiling ?? this.limit.requests)
    const excess = Math.max(this.sends.length + 1 - this.limit.requests, this.sends.length + cost - ceiling)
    if (excess <= 0) return 0
    // The (excess)-th oldest send must leave the window first. A cost above the limit never fits
    // in one window: it waits for an empty one, then overdraws once.
    const leaving = this.sends[Math.min(excess, this.sends.length) - 1]
    return leaving === undefined ? 0 : Math.max(1, leaving.at + this.limit.windowMs - now)
  }

  /**
   * What is left of the window at `now`: sends still counted, and when the oldest of them leaves (null
   * when none is counted). For showing a budget; admission itself goes through `waitMs`.
   */
  usage(now: number): { used: number; oldestLeavesAt: number | null } {
    this.forget(now)
    const oldest = this.sends[0]
    return { used: this.sends.length, oldestLeavesAt: oldest ? oldest.at + this.limit.windowMs : null }
  }

  /** Records `cost` sends at `now`; returns their admission numbers, oldest first. */
  take(cost: number, now: number): number[] {
    const taken: number[] = []
    for (let i = 0; i < cost; i += 1) {
      const seq = this.nextSeq++
      this.sends.push({ at: now, seq })
      taken.push(seq)
    }
    return taken
  }

  /** Gives back a recorded send (a reserved slot that was never used). */
  giveBack(seq: number): void {
    const index = this.sends.findIndex((send) => send.seq === seq)
    if (index >= 0) this.sends.splice(index, 1)
  }

  /**
   * Sends admitted before `seq` that were still in the window when it went out: what the server had
   * counted when it refused `seq` (for learning a lower limit from a 429).
   */
  countBefore(seq: number): number {
    const refused = this.sends.find((send) => send.seq === seq)
    if (!refused) return this.sends.filter((send) => send.seq < seq).length
    return this.sends.filter((send) => send.seq < seq && refused.at - send.at < this.limit.windowMs).length
  }

  /**
   * The refusal of `seq` as the server saw it: when it went out, and the send times (oldest first) of
   * those admitted before it still in the window then. Null when `seq` is not recorded any more.
   */
  refusal(seq: number): { refusedAt: number; before: number[] } | null {
    const refused = this.sends.find((send) => send.seq === seq)
    if (!refused) return null
    const before = this.sends
      .filter((send) => send.seq < seq && refused.at - send.at < this.limit.windowMs)
      .map((send) => send.at)
    return { refusedAt: refused.at, before }
  }

  private forget(now: number): void {
    let drop = 0
    while (drop < this.sends.length && now - (this.sends[drop]?.at ?? now) >= this.limit.windowMs) drop += 1
    if (drop > 0) this.sends.splice(0, drop)
  }
}
