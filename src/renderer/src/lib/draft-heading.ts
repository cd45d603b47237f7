import type { DraftView } from '@shared/domain/draft'

// What a draft does, in a few words ("Edit of “alpha”", "3 new tokens “team”, numbered when sent"): its
// card's heading in the Outbox, and the name it goes by in the questions and notices about it.

type Translate = (key: string, named?: Record<string, unknown>) => string

export function draftHeading(draft: DraftView, t: Translate): string {
  const name = (draft.changes.name ?? draft.base?.name ?? '') || t('tokens.unnamed')
  return draft.quantity
    ? t('outbox.kind.createMany', { name, count: draft.quantity })
    : t(`outbox.kind.${draft.kind}`, { name })
}
