// What a pacer says of its holds (pacer.ts): a request that must wait more than a moment for room in the
// server's global window — TokenDesk's own pacing, not a refusal — is reported with the time room is
// expected, and the report is taken back once nothing waits that long any more. Without it, a burst of
// work that used the window up (a hundred creates) left drafts "sending" for minutes with nothing
// saying why.

/** A wait for room longer than this is reported; shorter ones pass unseen. */
export const HOLD_REPORT_MS = 1_000
/**
 * How long a hold's end waits before it is reported: the next queued request often needs room too, and
 * the report should not flicker between two waits.
 */
const HOLD_SETTLE_MS = 150
/** The expected time moves a little with each look; a second's change is worth telling. */
const HOLD_CHANGE_MS = 1_000

export class HoldReport {
  /** When the reported hold ends (0: none reported). */
  private until = 0
  private settle: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly tell: (until: number) => void) {}

  /** A request waits for room until about `until`. */
  waiting(until: number): void {
    if (this.settle) clearTimeout(this.settle)
    this.settle = null
    if (Math.abs(until - this.until) < HOLD_CHANGE_MS) return
    this.until = until
    this.tell(until)
  }

  /** The request that was held got its room (or gave up): the hold ends unless another one follows. */
  done(): void {
    if (this.settle) clearTimeout(this.settle)
    this.settle = setTimeout(() => {
      this.settle = null
      this.until = 0
      this.tell(0)
    }, HOLD_SETTLE_MS)
    this.settle.unref?.()
  }
}
