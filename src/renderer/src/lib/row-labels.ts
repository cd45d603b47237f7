import type { DraftState } from '@shared/domain/draft'
import type { EffectiveStatus } from '@shared/domain/effective-status'
import { REVIVE_DAYS, type ReviveReason } from '@shared/domain/revive-token'

// The token table's words, translated once per language instead of once per row and render: a table
// row says a dozen of them, and vue-i18n's `t` costs far more than reading a string (a listing of 1000
// tokens spent more time in `t` than in drawing its rows).

type Translate = (key: string, named?: Record<string, unknown>) => string

const MARK = '\u0000'

/** A text with one `{name}` in it, as a function of the name, from one translation. */
export function withName(t: Translate, key: string): (name: string) => string {
  const parts = t(key, { name: MARK }).split(MARK)
  if (parts.length !== 2) return (name) => t(key, { name }) // not one plain {name}: translate each time
  const [before, after] = parts as [string, string]
  return (name) => `${before}${name}${after}`
}

export function rowLabels(t: Translate) {
  const status = (key: EffectiveStatus) => t(`tokens.status.${key}`)
  return {
    status: {
      enabled: status('enabled'),
      disabled: status('disabled'),
      expired: status('expired'),
      exhausted: status('exhausted'),
    } satisfies Record<EffectiveStatus, string>,
    unnamed: t('tokens.unnamed'),
    unlimited: t('tokens.unlimited'),
    remainingShare: t('tokens.remainingShare'),
    noLimit: t('tokens.noLimit'),
    neverUsed: t('tokens.neverUsed'),
    never: t('tokens.never'),
    edit: t('tokens.edit'),
    enable: t('tokens.enable'),
    disable: t('tokens.disable'),
    delete: t('tokens.delete'),
    revive: t('editor.revive.action'),
    // Rare (a token that expired or ran out): translated when shown, with what Revive will set.
    reviveHint: (reasons: readonly ReviveReason[], amount: string | null) =>
      t(`tokens.reviveHintFor.${reasons.length > 1 ? 'both' : reasons[0]!}`, { days: REVIVE_DAYS, amount }),
    selectRow: withName(t, 'tokens.selectRow'),
    editAria: withName(t, 'tokens.editAria'),
    reviveAria: withName(t, 'tokens.reviveAria'),
    enableAria: withName(t, 'tokens.enableAria'),
    disableAria: withName(t, 'tokens.disableAria'),
    deleteAria: withName(t, 'tokens.deleteAria'),
    keys: t('keys.trigger'),
    keptWhileEditing: t('tokens.keptWhileEditing'),
    // Spelt out, not read from the draft module: that one carries the schemas (zod), which the first
    // screen does without.
    draftState: {
      held: t('drafts.state.held'),
      pending: t('drafts.state.pending'),
      syncing: t('drafts.state.syncing'),
      conflict: t('drafts.state.conflict'),
      failed: t('drafts.state.failed'),
    } satisfies Record<DraftState, string>,
    creating: t('drafts.mark.creating'),
    deleting: t('drafts.mark.deleting'),
    // Rare (a batch kept as a draft): translated when shown.
    creatingMany: (count: number) => t('drafts.mark.creatingMany', { count }),
    keysAria: withName(t, 'keys.menuFor'),
  }
}

export type RowLabels = ReturnType<typeof rowLabels>
