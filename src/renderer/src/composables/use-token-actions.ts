import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { useConfirm } from './use-confirm'
import { isUnreachable, useWaitingText } from './use-waiting-text'
import type { SaveOutcome } from '@shared/contract/draft-contract'
import { draftBaseOf } from '@shared/domain/draft-base'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { dateFormat, formatList, numberFormat } from '@shared/domain/formatters'
import { formatQuota } from '@shared/domain/quota-money'
import { reviveToken } from '@shared/domain/revive-token'
import { DEFAULT_QUOTA_PER_UNIT, DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import type { Result } from '@shared/result'
import { useDraftsStore } from '@renderer/stores/drafts'
import { useTokensStore } from '@renderer/stores/tokens'
import { useErrorText } from './use-error-text'

// Enable, disable and delete — of one token from its row or its editor, or of every selected token at once. Each
// change is a draft through the outbox like any edit (sent now when the server can be reached, kept
// and sent later when not), so a bulk action offline loses nothing either. Deleting always asks first,
// naming the token or how many.

export function useTokenActions() {
  const { t, locale } = useI18n()
  const message = useMessage()
  const confirm = useConfirm()
  const tokens = useTokensStore()
  const drafts = useDraftsStore()
  const errorText = useErrorText()
  const waitingText = useWaitingText()
  /** A bulk action is under way: its buttons wait. */
  const busy = ref(false)

  const nameOf = (row: OverlaidRow) => row.token.name || t('tokens.unnamed')
  const count = (n: number) => numberFormat(locale.value).format(n)

  /** Says how a change went; `done` is what a change that reached the server did. */
  function tell(
    result: Result<SaveOutcome>,
    name: string,
    done = 'tokens.done',
    params: Record<string, string> = {},
  ): void {
    if (!result.ok) return void message.error(errorText.message(result.error))
    const { outcome, draft } = result.value
    const waiting = draft?.lastError
    if (outcome === 'synced') message.success(t(done, { ...params, name }))
    else if (outcome === 'nothing') message.info(t('tokens.nothingLeft', { name }))
    else if (outcome === 'failed' && waiting) message.error(errorText.message(waiting))
    else if (outcome === 'conflict') message.warning(t('editor.conflict'))
    else if (outcome === 'review') message.info(t('production.kept', { name }))
    else if (waiting && !isUnreachable(waiting))
      message.warning(`${t('editor.notSentYet', { name })} ${errorText.message(waiting)}`)
    else message.info(waitingText.queued(draft?.profileId ?? tokens.profileId ?? undefined, name, waiting))
  }

  function setStatus(row: OverlaidRow, enable: boolean): Promise<Result<SaveOutcome>> | null {
    const profileId = tokens.profileId
    if (!profileId || row.creating || row.deleting) return null
    return drafts.save({
      profileId,
      draftId: null,
      tokenId: row.token.id,
      base: draftBaseOf(row.token),
      changes: {},
      quota: null,
      wantStatus: enable ? TOKEN_STATUS.enabled : TOKEN_STATUS.disabled,
      mode: 'now',
    })
  }

  /** Expired or exhausted → usable again and enabled, in one action (see revive-token.ts for what). */
  async function revive(row: OverlaidRow, nowSeconds: number): Promise<void> {
    const profileId = tokens.profileId
    const quotaPerUnit = tokens.server?.quotaPerUnit
    const plan = reviveToken(row.token, nowSeconds, quotaPerUnit ?? DEFAULT_QUOTA_PER_UNIT)
    if (!profileId || !plan || row.creating || row.deleting) return
    const result = await drafts.save({
      profileId,
      draftId: null,
      tokenId: row.token.id,
      base: draftBaseOf(row.token),
      changes: plan.changes,
      quota: plan.quota,
      wantStatus: plan.wantStatus,
      mode: 'now',
    })
    // One click changes the token's money and dates: what it set is said, not only that it happened.
    const facts = tokens.server ?? DEFAULT_SERVER_FACTS
    const amount = plan.quota?.mode === 'set' ? formatQuota(plan.quota.value, facts, locale.value) : null
    const until = plan.changes.expired_time
    const date =
      typeof until === 'number'
        ? dateFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(until * 1000)
        : null
    const what = amount && date ? 'both' : amount ? 'exhausted' : date ? 'expired' : 'enabled'
    tell(result, nameOf(row), `tokens.revived.${what}`, { amount: amount ?? '', date: date ?? '' })
  }

  function deleteNow(row: OverlaidRow): Promise<Result<SaveOutcome>> | null {
    const profileId = tokens.profileId
    if (!profileId || row.creating || row.deleting) return null
    return drafts.remove({ profileId, tokenId: row.token.id, base: draftBaseOf(row.token), mode: 'now' })
  }

  async function toggle(row: OverlaidRow): Promise<void> {
    const sent = setStatus(row, row.token.status === TOKEN_STATUS.disabled)
    if (sent) tell(await sent, nameOf(row))
  }

  /** Asks first; `confirmed` runs once the user said yes, before the delete (the editor drops its input). */
  function confirmRemove(row: OverlaidRow, confirmed?: () => Promise<void>): void {
    confirm({
      title: t('tokens.deleteConfirm', { name: nameOf(row) }),
      positiveText: t('tokens.delete'),
      negativeText: t('common.cancel'),
      onPositiveClick: async () => {
        await confirmed?.()
        const sent = deleteNow(row)
        if (sent) tell(await sent, nameOf(row), 'tokens.deleted')
      },
    })
  }

  /** Runs one change per token and says once how it went: done, kept for later, or failed (why). */
  async function runBulk(
    rows: readonly OverlaidRow[],
    change: (row: OverlaidRow) => Promise<Result<SaveOutcome>> | null,
  ): Promise<void> {
    busy.value = true
    try {
      const results = await Promise.all(rows.map((row) => change(row)))
      let done = 0
      // Sent, but after the answer: the pacer let it go a moment later (the Outbox shows it sending).
      let sending = 0
      let kept = 0
      const failures: string[] = []
      results.forEach((result, index) => {
        if (!result) return
        if (!result.ok)
          return void failures.push(`${nameOf(rows[index]!)}: ${errorText.message(result.error)}`)
        const { outcome, draft } = result.value
        if (outcome === 'synced' || outcome === 'nothing') done++
        else if (outcome === 'syncing') sending++
        else if (outcome === 'failed' || outcome === 'conflict')
          failures.push(
            `${nameOf(rows[index]!)}: ${draft?.lastError ? errorText.message(draft.lastError) : t('editor.conflict')}`,
          )
        else kept++
      })
      // Only the parts there are: "kept for later: 3" for changes that were all on their way misled.
      const parts = [t('tokens.bulk.done', { count: count(done) })]
      if (sending > 0) parts.push(t('tokens.bulk.sending', { count: count(sending) }))
      if (kept > 0) parts.push(t('tokens.bulk.kept', { count: count(kept) }))
      if (failures.length > 0) parts.push(t('tokens.bulk.failed', { count: count(failures.length) }))
      const summary = parts.join(' · ')
      if (failures.length > 0)
        message.error([summary, ...failures.slice(0, 5)].join('\n'), { duration: 8000 })
      else if (kept > 0) message.info(summary)
      else message.success(summary)
    } finally {
      busy.value = false
    }
  }

  const setStatusOf = (rows: readonly OverlaidRow[], enable: boolean) =>
    runBulk(
      rows.filter((row) => (row.token.status === TOKEN_STATUS.disabled) === enable),
      (row) => setStatus(row, enable),
    )

  function confirmRemoveAll(rows: readonly OverlaidRow[], done: () => void): void {
    const deletable = rows.filter((row) => !row.creating && !row.deleting)
    if (deletable.length === 0) return
    confirm({
      title: t('tokens.bulk.deleteConfirm', { count: count(deletable.length) }, deletable.length),
      content: formatList(deletable.slice(0, 8).map(nameOf), locale.value).concat(
        deletable.length > 8 ? ` ${t('tokens.bulk.andMore', { count: count(deletable.length - 8) })}` : '',
      ),
      positiveText: t('tokens.bulk.deleteCount', { count: count(deletable.length) }),
      negativeText: t('common.cancel'),
      onPositiveClick: async () => {
        await runBulk(deletable, deleteNow)
        done()
      },
    })
  }

  return { busy, toggle, revive, confirmRemove, setStatusOf, confirmRemoveAll }
}
