import type { DraftState } from '@shared/domain/draft'

// The colour of a draft's mark, wherever it shows (the table's rows, the Outbox): one of Naive's tag
// types, so the table's CSS tag and the Outbox's Naive tag say the same thing the same way.

export type DraftTagType = 'default' | 'info' | 'warning' | 'error'

export const DRAFT_TAG_TYPE: Record<DraftState, DraftTagType> = {
  held: 'default',
  pending: 'info',
  syncing: 'info',
  conflict: 'warning',
  failed: 'error',
}
