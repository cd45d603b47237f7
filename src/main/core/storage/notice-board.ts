import { randomUUID } from 'node:crypto'
import type { StorageNotice } from '@shared/domain/storage-notice'
import type { Logger } from '../logger'

// What the store had to recover when it opened a damaged file, kept for the UI until the user dismisses
// it. Files open before any window exists, so the UI asks for the list when it starts (app.notices) and
// hears of later ones through the `app.notice` event.

export class NoticeBoard {
  private notices: StorageNotice[] = []

  constructor(
    private readonly logger: Logger,
    private readonly announce: (notice: StorageNotice) => void,
  ) {}

  report(notice: Omit<StorageNotice, 'id'>): void {
    const full = { ...notice, id: randomUUID() }
    this.notices.push(full)
    this.logger.warn({ notice: full }, 'a damaged data file was recovered')
    this.announce(full)
  }

  list(): StorageNotice[] {
    return structuredClone(this.notices)
  }

  dismiss(id: string): void {
    this.notices = this.notices.filter((notice) => notice.id !== id)
  }
}
