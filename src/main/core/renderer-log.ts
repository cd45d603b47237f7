import type { Logger } from './logger'

// The window's errors and warnings, written to main's log (the window cannot write files). A window
// stuck in an error loop must not fill the disk or drown main's own lines: at most LIMIT messages per
// minute are kept, and the count of those dropped is written once the minute is over.

const LIMIT = 30
const WINDOW_MS = 60_000

export interface RendererLogEntry {
  level: 'warn' | 'error'
  message: string
  stack?: string
  source?: string
}

export class RendererLog {
  private windowStart = 0
  private kept = 0
  private dropped = 0
  private readonly log: Logger

  constructor(
    logger: Logger,
    private readonly now: () => number,
  ) {
    this.log = logger.child({ from: 'renderer' })
  }

  write(entry: RendererLogEntry): void {
    const now = this.now()
    if (now - this.windowStart >= WINDOW_MS) {
      if (this.dropped > 0) this.log.warn({ dropped: this.dropped }, 'window messages dropped (too many)')
      this.windowStart = now
      this.kept = 0
      this.dropped = 0
    }
    if (this.kept >= LIMIT) {
      this.dropped += 1
      return
    }
    this.kept += 1
    const { level, message, ...details } = entry
    this.log[level](details, message)
  }
}
